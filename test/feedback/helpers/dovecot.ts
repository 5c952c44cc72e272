// A real IMAP server for the feedback tests: Debian's dovecot-imapd, started on 127.0.0.1 with a config
// generated in a temp folder, run unprivileged (as `nobody` when the tests run as root, else as the test's
// own user). Missing dovecot fails the test, it never skips it: `.ci/run` installs it.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../web/subscriber/free-port.js';

export const DOVECOT = '/usr/sbin/dovecot';

export interface Dovecot {
  port: number;
  user: string;
  password: string;
  close(): Promise<void>;
}

const NOBODY = { uid: 65534, gid: 65534, user: 'nobody', group: 'nogroup' };

export async function startDovecot(): Promise<Dovecot> {
  if (!existsSync(DOVECOT)) {
    throw new Error(`${DOVECOT} is missing: install Debian's dovecot-imapd (apt-get install -y dovecot-imapd; .ci/run does it)`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'roundup-dovecot-'));
  const asRoot = process.getuid?.() === 0;
  const me = userInfo();
  const run = asRoot ? NOBODY : { uid: me.uid, gid: me.gid, user: me.username, group: groupName(me.gid) };
  for (const sub of ['run', 'state', 'home']) mkdirSync(join(dir, sub));
  const port = await freePort();
  const password = 'imap-test-password';
  writeFileSync(join(dir, 'passwd'), `feedback:{PLAIN}${password}\n`);
  writeFileSync(
    join(dir, 'dovecot.conf'),
    `protocols = imap
listen = 127.0.0.1
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain
default_login_user = ${run.user}
default_internal_user = ${run.user}
default_internal_group = ${run.group}
mail_location = maildir:${dir}/home/%u/Maildir
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/passwd
}
userdb {
  driver = static
  args = uid=${run.uid} gid=${run.gid} home=${dir}/home/%u
}
service imap-login {
  chroot =
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
`,
  );
  if (asRoot) {
    for (const path of [dir, ...['run', 'state', 'home', 'passwd', 'dovecot.conf'].map((p) => join(dir, p))]) chownSync(path, run.uid, run.gid);
    chmodSync(dir, 0o755);
  }
  const child: ChildProcess = spawn(DOVECOT, ['-F', '-c', join(dir, 'dovecot.conf')], {
    stdio: 'ignore',
    ...(asRoot ? { uid: run.uid, gid: run.gid } : {}),
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    await waitForPort(port, 10_000, exited);
  } catch (error) {
    child.kill('SIGKILL');
    const log = existsSync(join(dir, 'dovecot.log')) ? readFileSync(join(dir, 'dovecot.log'), 'utf8') : '';
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`dovecot did not start: ${(error as Error).message}\n${log}`);
  }
  return {
    port,
    user: 'feedback',
    password,
    async close() {
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function groupName(gid: number): string {
  const line = readFileSync('/etc/group', 'utf8').split('\n').find((l) => l.split(':')[2] === String(gid));
  return line?.split(':')[0] ?? String(gid);
}

async function waitForPort(port: number, timeoutMs: number, exited: Promise<void>): Promise<void> {
  let dead = false;
  void exited.then(() => (dead = true));
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (dead) throw new Error('dovecot exited');
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`nothing listens on 127.0.0.1:${port} after ${timeoutMs} ms`);
}
