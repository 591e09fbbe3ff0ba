import { mesh } from '../../cli/mesh';
import type { CliIo } from '../../cli/cli-io';

function captureIo(): CliIo & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    stdout: (text: string) => void (io.out += text),
    stderr: (text: string) => void (io.err += text),
    env: {},
    cwd: process.cwd(),
  };
  return io;
}

describe('mesh', () => {
  it('lists the commands on --help', () => {
    const io = captureIo();
    expect(mesh(['--help'], io)).toBe(0);
    expect(io.out).toMatch(/render-remote/);
    expect(io.out).toMatch(/kubeconfig/);
    expect(io.out).toMatch(/discover/);
    expect(io.out).toMatch(/^  diff /m);
  });

  it('fails when the command is unknown, with exit code 2 and the usage on stderr', () => {
    const io = captureIo();
    expect(mesh(['rendr-remote'], io)).toBe(2);
    expect(io.err).toMatch(/^unknown command "rendr-remote"\nusage: /);
    expect(io.out).toBe('');
  });

  it('fails when no command is given', () => {
    const io = captureIo();
    expect(mesh([], io)).toBe(2);
    expect(io.err).toMatch(/usage: npm run --silent mesh -- <command>/);
  });

  it('runs render-remote with its arguments', () => {
    const io = captureIo();
    expect(mesh(['render-remote', '--set', 'global.remotePilotAddress=10.8.0.12'], io)).toBe(0);
    expect(io.out).toMatch(/discoveryAddress: 10\.8\.0\.12:15007/);
  });

  it('turns a command\'s CliError into its message and exit code', () => {
    const io = captureIo();
    expect(mesh(['discover'], io)).toBe(2);
    expect(io.err).toMatch(/--context is required/);
  });
});
