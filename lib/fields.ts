import { z } from 'zod';
import { annotationKeyProblem, LABEL_VALUE_ALLOWED, labelValueProblem, QUALIFIED_NAME_ALLOWED, qualifiedNameProblem } from './kubernetes-names';
import { DNS1123_LABEL, DNS1123_LABEL_MAX, isAddress, isDns1123Label, isIpAddress, parseCidr, suggestCidr, suggestDns1123Label } from './net';

/**
 * The explanation a failed field check carries to the error message. zod keeps
 * it in the issue's `params`, so the loader can say what was wrong, what is
 * allowed and how to fix it without a second table of messages.
 */
export interface FieldRule {
  readonly problem: string;
  readonly allowed: string;
  readonly hint: (value: unknown) => string;
  /** A rule about a map's key: the finding names the key in its path and echoes no value. @default 'value' */
  readonly subject?: 'key' | 'value';
  /** The value may hold a secret (a password in a URL): the finding does not echo it. @default false */
  readonly secret?: boolean;
}

function rule<T extends z.ZodType>(schema: T, test: (value: z.output<T>) => boolean, explain: FieldRule, jsonSchema: Record<string, unknown>) {
  return schema.refine(test, { params: { rule: explain } }).meta(jsonSchema);
}

export const DNS1123_ALLOWED = `lowercase letters, digits and '-', starting and ending with a letter or digit, at most ${DNS1123_LABEL_MAX} characters`;

export const dns1123Label = (what: string) =>
  rule(
    z.string(),
    isDns1123Label,
    {
      problem: 'is not a DNS-1123 label',
      allowed: DNS1123_ALLOWED,
      hint: (v) => `rename the ${what}, for example ${JSON.stringify(suggestDns1123Label(String(v)))}`,
    },
    { pattern: DNS1123_LABEL.source, maxLength: DNS1123_LABEL_MAX },
  );

export const cidr = rule(
  z.string(),
  (v) => parseCidr(v) !== undefined,
  {
    problem: 'is not a CIDR block',
    allowed: 'an IPv4 or IPv6 network in CIDR notation with no host bits set, such as 10.8.0.0/16',
    hint: (v) => {
      const fixed = suggestCidr(String(v));
      return fixed ? `write the network address, ${JSON.stringify(fixed)}` : 'write it as ADDRESS/PREFIX, for example "10.8.0.0/16"';
    },
  },
  { pattern: '^[0-9a-fA-F:.]+/[0-9]{1,3}$' },
);

export const address = rule(
  z.string(),
  isAddress,
  {
    problem: 'is neither an IP address nor a DNS name',
    allowed: 'an IPv4 or IPv6 address, or a DNS-1123 host name such as istio-pilot.example.com',
    hint: () => 'write the address the remote clusters dial, without a scheme or port',
  },
  {},
);

export const ipAddress = rule(
  z.string(),
  isIpAddress,
  {
    problem: 'is not an IP address',
    allowed: 'an IPv4 or IPv6 address',
    hint: () => 'write the IP address, not a host name',
  },
  {},
);

export const port = rule(
  z.number().int(),
  (v) => v >= 1 && v <= 65535,
  {
    problem: 'is not a port number',
    allowed: 'an integer from 1 to 65535',
    hint: () => 'use the port the service listens on',
  },
  { minimum: 1, maximum: 65535 },
);

const HTTPS_URL_RULE: FieldRule = {
  problem: 'is not an https:// URL',
  allowed: 'the API server URL as in a kubeconfig, such as https://10.0.0.1:6443',
  hint: () => 'copy `server:` from `kubectl config view --minify` for this cluster',
};

/**
 * An API server URL: https, a host and an optional port, nothing else. Pilot
 * dials it with the kubeconfig's token, so credentials in the URL would be
 * copied into a Secret and a log; a path or a query is not where an API
 * server listens. Such a URL is not echoed: it may hold a password or token.
 */
export const httpsUrl = z
  .string()
  .superRefine((v, ctx) => {
    // Anything with an '@' may carry user:password, however malformed the rest.
    const notHttps: FieldRule = v.includes('@')
      ? { ...HTTPS_URL_RULE, problem: `${HTTPS_URL_RULE.problem}; the value is not shown, as its '@' may follow a password`, secret: true }
      : HTTPS_URL_RULE;
    let url: URL;
    try {
      url = new URL(v);
    } catch {
      ctx.addIssue({ code: 'custom', message: notHttps.problem, params: { rule: notHttps } });
      return;
    }
    if (url.protocol !== 'https:' || url.hostname === '') {
      ctx.addIssue({ code: 'custom', message: notHttps.problem, params: { rule: notHttps } });
      return;
    }
    const extras = [
      ...(url.username !== '' || url.password !== '' ? ['a user name or password (user:password@)'] : []),
      ...(url.pathname !== '/' && url.pathname !== '' ? ['a path'] : []),
      ...(url.search !== '' ? ['a query (?...)'] : []),
      ...(url.hash !== '' ? ['a fragment (#...)'] : []),
    ];
    if (extras.length > 0) {
      const explain: FieldRule = {
        problem: `has ${extras.join(' and ')}, which an API server URL does not carry; the value is not shown, as it may hold a secret`,
        allowed: 'https://, a host and an optional port, such as https://10.0.0.1:6443',
        hint: () => 'keep only the scheme, host and port; credentials belong in the kubeconfig that `mesh kubeconfig` writes',
        secret: true,
      };
      ctx.addIssue({ code: 'custom', message: explain.problem, params: { rule: explain } });
    }
  })
  .meta({ pattern: '^https://[^/@?#]+/?$' });

/** A path relative to the topology file's folder. */
export const filePath = rule(
  z.string(),
  (v) => v.trim() !== '' && !v.includes('\0'),
  {
    problem: 'is not a file path',
    allowed: 'a path relative to the topology file, such as pki/root-cert.pem',
    hint: () => 'name the file',
  },
  { minLength: 1 },
);

/**
 * A kubeconfig context name. kubectl takes any string, but synth writes it
 * into shell lines (the primary's helm-template.sh, the hints of its
 * messages), where a line break would end the comment it sits in and make
 * the rest a command.
 */
export const kubeContext = rule(
  z.string(),
  (v) => v.trim() !== '' && !/[\u0000-\u001f\u007f\u2028\u2029]/.test(v),
  {
    problem: 'is not a kubeconfig context name',
    allowed: 'one line of printable characters, as `kubectl config get-contexts -o name` prints it',
    hint: () => 'copy the name from `kubectl config get-contexts -o name`',
  },
  { pattern: '^[^\\u0000-\\u001f\\u007f\\u2028\\u2029]*\\S[^\\u0000-\\u001f\\u007f\\u2028\\u2029]*$' },
);

/** An image hub as in Helm's `global.hub`: a registry host and path, no tag. */
export const imageHub = rule(
  z.string(),
  (v) => /^[a-z0-9]+([._-][a-z0-9]+)*(:[0-9]+)?(\/[a-z0-9]+([._-][a-z0-9]+)*)*$/.test(v),
  {
    problem: 'is not an image repository prefix',
    allowed: 'a registry host and path without a tag, such as docker.io/istio',
    hint: () => 'put the tag in `tag`, not in `hub`',
  },
  {},
);

export const imageTag = rule(
  z.string(),
  (v) => /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/.test(v),
  {
    problem: 'is not an image tag',
    allowed: "letters, digits, '_', '.' and '-', at most 128 characters",
    hint: () => 'quote it if YAML reads it as a number, for example "1.0"',
  },
  {},
);

/** Adds an issue carrying `explain` for the map entry `key`, so the loader reports it like any field rule. */
function entryIssue(ctx: z.core.$RefinementCtx, key: string, explain: FieldRule): void {
  ctx.addIssue({ code: 'custom', message: explain.problem, path: [key], params: { rule: explain } });
}

/**
 * Labels a selector matches, checked with Kubernetes' label syntax: the API
 * server refuses a Service whose selector breaks it, and an empty selector
 * selects every pod (a gateway) or none the user meant (a Service).
 */
export const labelSelector = z
  .record(z.string(), z.string())
  .superRefine((labels, ctx) => {
    const entries = Object.entries(labels);
    if (entries.length === 0) {
      ctx.addIssue({
        code: 'custom',
        message: 'is empty',
        params: {
          rule: {
            problem: 'is empty, so it would select no pods the mesh means, or every pod',
            allowed: 'at least one label, such as {app: reviews}',
            hint: () => 'write the labels of the pods, as in their Deployment\'s template',
          } satisfies FieldRule,
        },
      });
    }
    for (const [key, value] of entries) {
      const keyProblem = qualifiedNameProblem(key);
      if (keyProblem !== undefined) {
        entryIssue(ctx, key, {
          problem: `is not a Kubernetes label key: it ${keyProblem}`,
          allowed: QUALIFIED_NAME_ALLOWED,
          hint: () => 'rename the key to the label the pods carry; spaces are never part of one',
          subject: 'key',
        });
      }
      const valueProblem = labelValueProblem(value);
      if (valueProblem !== undefined) {
        entryIssue(ctx, key, {
          problem: `is not a Kubernetes label value: it ${valueProblem}`,
          allowed: LABEL_VALUE_ALLOWED,
          hint: () => 'write the value of the label the pods carry',
        });
      }
    }
  })
  .meta({ minProperties: 1 });

/** Object annotations: any text as a value, but keys the API server accepts. */
export const annotationMap = z.record(z.string(), z.string()).superRefine((annotations, ctx) => {
  for (const key of Object.keys(annotations)) {
    const problem = annotationKeyProblem(key);
    if (problem !== undefined) {
      entryIssue(ctx, key, {
        problem: `is not a Kubernetes annotation key: it ${problem}`,
        allowed: QUALIFIED_NAME_ALLOWED,
        hint: () => "copy the key from your cloud's documentation, such as service.beta.kubernetes.io/aws-load-balancer-internal",
        subject: 'key',
      });
    }
  }
});

/**
 * A DNS-1035 label: what Kubernetes requires of a Service name, since the name
 * becomes a DNS label in `<service>.<namespace>.svc` and must not read as a
 * number. Stricter than DNS-1123: it starts with a letter.
 */
export const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

export function isDns1035Label(value: string): boolean {
  return value.length <= DNS1123_LABEL_MAX && DNS1035_LABEL.test(value);
}

/** The closest DNS-1035 label to a rejected name, for hints: `2nd_Reviews` → `nd-reviews`. */
export function suggestDns1035Label(value: string): string {
  const label = suggestDns1123Label(value).replace(/^[^a-z]+/, '');
  return label === '' ? 'service-1' : label;
}

export const dns1035Label = (what: string) =>
  rule(
    z.string(),
    isDns1035Label,
    {
      problem: 'is not a DNS-1035 label',
      allowed: `lowercase letters, digits and '-', starting with a letter and ending with a letter or digit, at most ${DNS1123_LABEL_MAX} characters`,
      hint: (v) => `rename the ${what}, for example ${JSON.stringify(suggestDns1035Label(String(v)))}`,
    },
    { pattern: DNS1035_LABEL.source, maxLength: DNS1123_LABEL_MAX },
  );

/**
 * An IANA service name (RFC 6335 §5.1): at most 15 characters, lowercase
 * letters, digits and '-', at least one letter, no '-' at either end and no
 * '--'. Kubernetes requires it of container port names (IANA_SVC_NAME), and a
 * Service's named targetPort must match one, so a Service port name that
 * passes it can also name the pods' port.
 */
export const IANA_SVC_NAME_MAX = 15;
const IANA_SVC_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export function isIanaSvcName(value: string): boolean {
  return value.length <= IANA_SVC_NAME_MAX && IANA_SVC_NAME.test(value) && !value.includes('--') && /[a-z]/.test(value);
}

/** The closest IANA service name to a rejected port name, for hints: `HTTP_Web--Port` → `http-web-port`. */
export function suggestIanaSvcName(value: string): string {
  const name = value
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, IANA_SVC_NAME_MAX)
    .replace(/-+$/, '');
  return /[a-z]/.test(name) ? name : `tcp-${name}`.slice(0, IANA_SVC_NAME_MAX).replace(/-+$/, '');
}

export const ianaSvcName = rule(
  z.string(),
  isIanaSvcName,
  {
    problem: 'is not an IANA service name (RFC 6335)',
    allowed: `lowercase letters, digits and '-', at least one letter, no '-' at either end and no '--', at most ${IANA_SVC_NAME_MAX} characters`,
    hint: (v) => `rename the port, for example ${JSON.stringify(suggestIanaSvcName(String(v)))}; keep the protocol prefix (http-, grpc-, tcp-) Istio reads`,
  },
  { pattern: '^(?!.*--)(?=.*[a-z])[a-z0-9]([-a-z0-9]*[a-z0-9])?$', maxLength: IANA_SVC_NAME_MAX },
);
