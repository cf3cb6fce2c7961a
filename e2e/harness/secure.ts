/**
 * The harness's secure front (`harness up --secure`, or HARNESS_SECURE=1): a throw-away CA made with openssl, a
 * SASL_SSL (SCRAM-SHA-512) listener on the broker beside its plaintext one, Connect's worker on that listener,
 * Schema Registry and Connect REST behind Debian's nginx with TLS and basic auth, and the ClickHouse adapter on an
 * HTTPS port as well. The plaintext endpoints stay for the other tiers; everything listens on 127.0.0.1 only.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePorts } from './ports.ts';
import { startProcess, waitUntil, type ServiceProcess } from './process.ts';

/** The CA and the one server certificate every secure listener presents (SAN: IP 127.0.0.1 and localhost). */
export interface SecureMaterial {
  dir: string;
  caFile: string;
  serverKeyFile: string;
  serverCertFile: string;
  /** The key and certificate in one PEM file: Kafka's `ssl.keystore.type=PEM` keystore. */
  kafkaKeystoreFile: string;
}

export interface ScramUser {
  name: string;
  password: string;
}

/** What a client of the secure endpoints needs (written to env.json as `secure`). */
export interface SecureEndpoints {
  caFile: string;
  kafka: { brokers: string[]; mechanism: 'SCRAM-SHA-512'; username: string; password: string };
  registry: { url: string; username: string; password: string };
  connect: { url: string; username: string; password: string };
  clickhouse: { url: string; user: string; password: string };
}

/** The Kafka settings of a secure broker (kafka.ts adds them to server.properties and to `storage format`). */
export interface SecureBrokerOptions {
  material: SecureMaterial;
  users: ScramUser[];
}

export const secret = () => randomBytes(12).toString('base64url');

const openssl = (args: string[], cwd: string) => execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });

/** A CA (10 days) and a server certificate it signs, with openssl (RSA 2048, SHA-256). */
export function makeSecureMaterial(workDir: string): SecureMaterial {
  const dir = join(workDir, 'tls');
  mkdirSync(dir, { recursive: true });
  openssl(
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      'ca.key',
      '-out',
      'ca.pem',
      '-days',
      '10',
      '-subj',
      '/CN=pipeline-panel harness CA',
    ],
    dir,
  );
  writeFileSync(join(dir, 'server.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n');
  openssl(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=127.0.0.1'], dir);
  openssl(
    [
      'x509',
      '-req',
      '-in',
      'server.csr',
      '-CA',
      'ca.pem',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-out',
      'server.pem',
      '-days',
      '10',
      '-sha256',
      '-extfile',
      'server.ext',
    ],
    dir,
  );
  const keystore = join(dir, 'kafka-keystore.pem');
  writeFileSync(keystore, `${readFileSync(join(dir, 'server.key'), 'utf8')}${readFileSync(join(dir, 'server.pem'), 'utf8')}`);
  return {
    dir,
    caFile: join(dir, 'ca.pem'),
    serverKeyFile: join(dir, 'server.key'),
    serverCertFile: join(dir, 'server.pem'),
    kafkaKeystoreFile: keystore,
  };
}

/** server.properties lines for a SASL_SSL listener with SCRAM-SHA-512 (Kafka's docs: "Authentication using SASL/SCRAM"). */
export function secureBrokerProperties(material: SecureMaterial): string[] {
  return [
    'sasl.enabled.mechanisms=SCRAM-SHA-512',
    'listener.name.sasl_ssl.sasl.enabled.mechanisms=SCRAM-SHA-512',
    'listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;',
    'listener.name.sasl_ssl.ssl.keystore.type=PEM',
    `listener.name.sasl_ssl.ssl.keystore.location=${material.kafkaKeystoreFile}`,
  ];
}

/** `kafka-storage format` arguments that create the SCRAM users before the broker's first start (KIP-900). */
export function scramFormatArgs(users: ScramUser[]): string[] {
  return users.flatMap((u) => ['--add-scram', `SCRAM-SHA-512=[name=${u.name},password=${u.password}]`]);
}

/** A Kafka client's properties for the SASL_SSL listener. */
export function secureClientProperties(material: SecureMaterial, user: ScramUser): string[] {
  return [
    'security.protocol=SASL_SSL',
    'sasl.mechanism=SCRAM-SHA-512',
    `sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="${user.name}" password="${user.password}";`,
    'ssl.truststore.type=PEM',
    `ssl.truststore.location=${material.caFile}`,
  ];
}

/** Debian's nginx: on PATH or in /usr/sbin. */
export function nginxBinary(): string | null {
  for (const candidate of [process.env.HARNESS_NGINX, '/usr/sbin/nginx', '/usr/bin/nginx']) {
    if (candidate && existsSync(candidate)) return candidate;
  }
  return null;
}

export interface TlsProxy {
  urls: Record<string, string>;
  process: ServiceProcess;
}

/**
 * nginx as a TLS-terminating reverse proxy with HTTP basic auth in front of each upstream (one loopback port each).
 * The password file is made with `openssl passwd -apr1` (the format nginx's auth_basic_user_file reads).
 */
export async function startTlsProxy(opts: {
  workDir: string;
  material: SecureMaterial;
  user: ScramUser;
  /**
   * name → upstream base URL (http://127.0.0.1:port/…; the path is kept), or several URLs of equal servers: the first
   * serves, the others are nginx `backup` servers it fails over to when the first refuses connections.
   */
  upstreams: Record<string, string | string[]>;
  timeoutMs: number;
}): Promise<TlsProxy> {
  const nginx = nginxBinary();
  if (!nginx) throw new Error("nginx not found: install Debian's nginx (apt-get install nginx-light) or set HARNESS_NGINX");
  const dir = join(opts.workDir, 'nginx');
  mkdirSync(join(dir, 'logs'), { recursive: true });
  const hash = execFileSync('openssl', ['passwd', '-apr1', opts.user.password], { encoding: 'utf8' }).trim();
  writeFileSync(join(dir, 'htpasswd'), `${opts.user.name}:${hash}\n`);
  const names = Object.keys(opts.upstreams);
  const ports = await freePorts(names.length);
  const urls: Record<string, string> = {};
  const servers = names.map((name, i) => {
    const [primary, ...backups] = [opts.upstreams[name]!].flat().map((u) => new URL(u));
    urls[name] = `https://127.0.0.1:${ports[i]}${primary!.pathname.replace(/\/$/, '')}`;
    const pool = [`server ${primary!.host} max_fails=1 fail_timeout=5s;`, ...backups.map((b) => `server ${b.host} backup;`)];
    return `
    upstream ${name}_pool {
      ${pool.join('\n      ')}
    }
    server {
      listen 127.0.0.1:${ports[i]} ssl;
      ssl_certificate ${opts.material.serverCertFile};
      ssl_certificate_key ${opts.material.serverKeyFile};
      auth_basic "${name}";
      auth_basic_user_file ${join(dir, 'htpasswd')};
      location / {
        proxy_pass http://${name}_pool;
        proxy_next_upstream error timeout;
        proxy_set_header Host $host:$server_port;
        proxy_http_version 1.1;
        proxy_set_header Connection "";
        proxy_read_timeout 120s;
      }
    }`;
  });
  const conf = join(dir, 'nginx.conf');
  // As root, nginx's workers would run as nobody, who cannot read the work dir; the harness is loopback-only.
  const user = process.getuid?.() === 0 ? 'user root;' : '';
  writeFileSync(
    conf,
    `${user}
worker_processes 1;
pid ${join(dir, 'nginx.pid')};
error_log ${join(dir, 'logs', 'error.log')} warn;
events { worker_connections 256; }
http {
  access_log ${join(dir, 'logs', 'access.log')};
  client_body_temp_path ${join(dir, 'client_body')};
  proxy_temp_path ${join(dir, 'proxy')};
  fastcgi_temp_path ${join(dir, 'fastcgi')};
  uwsgi_temp_path ${join(dir, 'uwsgi')};
  scgi_temp_path ${join(dir, 'scgi')};
  client_max_body_size 64m;
${servers.join('\n')}
}
`,
  );
  const logFile = join(dir, 'logs', 'nginx.log');
  const proc = startProcess('nginx', nginx, ['-p', dir, '-c', conf, '-e', join(dir, 'logs', 'error.log'), '-g', 'daemon off;'], {
    cwd: dir,
    logFile,
  });
  const ca = readFileSync(opts.material.caFile, 'utf8');
  const authorization = `Basic ${Buffer.from(`${opts.user.name}:${opts.user.password}`).toString('base64')}`;
  await waitUntil(
    { name: 'nginx', logFile, exited: proc.exited },
    'every proxied port answers over TLS with basic auth',
    async () => {
      for (const url of Object.values(urls)) if ((await httpsStatus(url, ca, authorization)) >= 500) return false;
      return true;
    },
    opts.timeoutMs,
  );
  return { urls, process: proc };
}

/** The status of a GET over TLS trusting `ca` (node:https: fetch has no per-request CA). */
async function httpsStatus(url: string, ca: string, authorization: string): Promise<number> {
  const { request } = await import('node:https');
  return new Promise((resolve) => {
    const req = request(url, { ca, headers: { authorization }, timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', () => resolve(599));
    req.on('timeout', () => req.destroy());
    req.end();
  });
}
