import { parseHelmSet } from '../../cli/helm-set';

describe('parseHelmSet', () => {
  test('builds nested maps from dotted paths and types values as Helm does', () => {
    // GIVEN one --set with several comma-separated assignments
    const text = 'global.remotePilotAddress=10.8.0.12,global.mtls.enabled=true,global.proxy.envoyStatsd.port=9125,global.tag=1.0,global.x=false';
    // WHEN parsed
    const { values, findings } = parseHelmSet(text);
    // THEN booleans and integers are typed, everything else stays text
    expect(findings).toEqual([]);
    expect(values).toEqual({
      global: {
        remotePilotAddress: '10.8.0.12',
        mtls: { enabled: true },
        proxy: { envoyStatsd: { port: 9125 } },
        tag: '1.0',
        x: false,
      },
    });
  });

  test('reads true, false and null in any case, as strvals does', () => {
    // GIVEN booleans spelled as a pasted Helm command may spell them
    const { values, findings } = parseHelmSet('a=True,b=FALSE,c=tRuE,d=Null,e=Truthy');
    // THEN they are typed, and a word that only starts like one stays text
    expect(findings).toEqual([]);
    expect(values).toEqual({ a: true, b: false, c: true, d: null, e: 'Truthy' });
    expect(parseHelmSet('a=True', { stringValues: true }).values).toEqual({ a: 'True' });
  });

  test('keeps every value a string with --set-string', () => {
    expect(parseHelmSet('a=true,b=9125', { stringValues: true }).values).toEqual({ a: 'true', b: '9125' });
  });

  test('reads lists, list indexes, null, empty values and escapes', () => {
    // GIVEN the less common forms
    const { values, findings } = parseHelmSet(
      'secrets={a,b},list[1].name=x,gone=null,empty=,ranges=10.0.0.0/8\\,172.16.0.0/12,dotted\\.key=1,zero=0755',
    );
    // THEN
    expect(findings).toEqual([]);
    expect(values).toEqual({
      secrets: ['a', 'b'],
      list: [null, { name: 'x' }],
      gone: null,
      empty: '',
      ranges: '10.0.0.0/8,172.16.0.0/12',
      'dotted.key': 1,
      zero: '0755',
    });
  });

  test('later assignments to the same path win', () => {
    expect(parseHelmSet('a.b=1,a.b=2,a.c=3').values).toEqual({ a: { b: 2, c: 3 } });
  });

  test('fails when an assignment has no value', () => {
    // GIVEN a value with an unescaped comma
    const { findings } = parseHelmSet('global.proxy.includeIPRanges=10.0.0.0/8,172.16.0.0/12');
    // THEN the second part is reported as a key without a value
    expect(findings).toHaveLength(1);
    expect(findings[0].problem).toBe('has no value for key "172.16.0.0/12"');
    expect(findings[0].hint).toContain('\\,');
  });

  test('fails when a key segment is empty', () => {
    expect(parseHelmSet('global..hub=x').findings[0].problem).toMatch(/empty key segment/);
    expect(parseHelmSet('=x').findings[0].problem).toMatch(/empty key/);
  });

  test('fails when a list index is not a number', () => {
    expect(parseHelmSet('a[x]=1').findings[0].problem).toMatch(/bad list index/);
  });

  test('fails when a list is not closed', () => {
    expect(parseHelmSet('a={x,y').findings[0].problem).toMatch(/no closing \}/);
  });

  test('fails when the argument is empty', () => {
    expect(parseHelmSet('').findings[0].problem).toBe('is empty');
  });
});
