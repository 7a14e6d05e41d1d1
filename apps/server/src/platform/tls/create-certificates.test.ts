import { X509Certificate, createPrivateKey } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import forge from 'node-forge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  MAX_SERVER_CERT_DAYS,
  createLocalCertificates,
  defaultLanHosts,
  normaliseHosts,
  type LocalCertificates,
} from './index.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'opentill-tls-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function get(
  port: number,
  options: { ca?: string; host?: string; servername?: string },
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = https.get(
      {
        host: options.host ?? '127.0.0.1',
        port,
        path: '/',
        ca: options.ca,
        servername: options.servername,
        agent: false,
        timeout: 5000,
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('timeout', () => req.destroy(new Error('request timed out')));
    req.on('error', reject);
  });
}

describe('createLocalCertificates', () => {
  const hosts = ['localhost', '127.0.0.1', '::1', 'till-server.local', '192.168.1.20'];
  let outDir: string;
  let result: LocalCertificates;
  let caPem: string;
  let certPem: string;
  let ca: X509Certificate;
  let cert: X509Certificate;
  beforeAll(() => {
    outDir = tempDir();
    result = createLocalCertificates({ outDir, hosts });
    caPem = readFileSync(result.caCertPath, 'utf8');
    certPem = readFileSync(result.certPath, 'utf8');
    ca = new X509Certificate(caPem);
    cert = new X509Certificate(certPem);
  });

  it('writes the four files with private keys at mode 0600', () => {
    expect(result.caCertPath).toBe(join(outDir, 'ca.crt'));
    expect(result.caKeyPath).toBe(join(outDir, 'ca.key'));
    expect(result.certPath).toBe(join(outDir, 'server.crt'));
    expect(result.keyPath).toBe(join(outDir, 'server.key'));
    expect(result.caCreated).toBe(true);
    if (process.platform !== 'win32') {
      expect(statSync(result.caKeyPath).mode & 0o777).toBe(0o600);
      expect(statSync(result.keyPath).mode & 0o777).toBe(0o600);
    }
    // Keys parse as RSA 2048.
    for (const path of [result.caKeyPath, result.keyPath]) {
      const key = createPrivateKey(readFileSync(path, 'utf8'));
      expect(key.asymmetricKeyType).toBe('rsa');
      expect(key.asymmetricKeyDetails?.modulusLength).toBe(2048);
    }
  });

  it('creates a CA certificate (CA:true, keyCertSign)', () => {
    expect(ca.ca).toBe(true);
    expect(ca.checkIssued(ca)).toBe(true); // self-signed
    expect(ca.verify(ca.publicKey)).toBe(true);
    expect(ca.fingerprint256).toBe(result.caFingerprint256);
    const parsed = forge.pki.certificateFromPem(caPem);
    expect(parsed.getExtension('basicConstraints')).toMatchObject({ cA: true, critical: true });
    expect(parsed.getExtension('keyUsage')).toMatchObject({
      keyCertSign: true,
      cRLSign: true,
      critical: true,
    });
    const leaf = forge.pki.certificateFromPem(certPem);
    expect(leaf.getExtension('extKeyUsage')).toMatchObject({ serverAuth: true });
    expect(leaf.getExtension('keyUsage')).toMatchObject({ digitalSignature: true, keyEncipherment: true });
  });

  it('issues a server certificate signed by the CA, with SANs and serverAuth', () => {
    expect(cert.ca).toBe(false);
    expect(cert.checkIssued(ca)).toBe(true);
    expect(cert.verify(ca.publicKey)).toBe(true);
    expect(cert.verify(cert.publicKey)).toBe(false);
    expect(cert.fingerprint256).toBe(result.fingerprint256);
    expect(cert.fingerprint256).not.toBe(ca.fingerprint256);

    const san = cert.subjectAltName ?? '';
    expect(san).toContain('DNS:localhost');
    expect(san).toContain('DNS:till-server.local');
    expect(san).toContain('IP Address:127.0.0.1');
    expect(san).toContain('IP Address:192.168.1.20');
    expect(san).toMatch(/IP Address:(0:0:0:0:0:0:0:1|::1)/i);
    expect(cert.checkHost('localhost')).toBe('localhost');
    expect(cert.checkHost('till-server.local')).toBe('till-server.local');
    expect(cert.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(cert.checkIP('192.168.1.20')).toBe('192.168.1.20');
    expect(cert.checkHost('example.com')).toBeUndefined();
    expect(cert.checkIP('10.0.0.1')).toBeUndefined();

    // serverAuth EKU (OID 1.3.6.1.5.5.7.3.1)
    expect(cert.keyUsage).toContain('1.3.6.1.5.5.7.3.1');
    expect(result.dnsNames).toEqual(['localhost', 'till-server.local']);
    expect(result.ipAddresses).toEqual(['127.0.0.1', '::1', '192.168.1.20']);
  });

  it('keeps the server certificate within the 397-day browser limit', () => {
    const from = new Date(cert.validFrom).getTime();
    const to = new Date(cert.validTo).getTime();
    expect(to - from).toBeLessThanOrEqual(MAX_SERVER_CERT_DAYS * 86_400_000);
    expect(from).toBeLessThanOrEqual(Date.now());
    expect(to).toBeGreaterThan(Date.now() + 390 * 86_400_000);
    expect(() => createLocalCertificates({ outDir: tempDir(), hosts, days: 398 })).toThrow(/397/);
  });

  it('serves HTTPS that a client trusting only ca.crt accepts', async () => {
    const server = https.createServer(
      { cert: certPem, key: readFileSync(result.keyPath, 'utf8') },
      (_req, res) => res.end('ok'),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      // By IP (IP SAN) and by DNS name (SNI + DNS SAN).
      await expect(get(port, { ca: caPem })).resolves.toEqual({ status: 200, body: 'ok' });
      await expect(get(port, { ca: caPem, servername: 'localhost' })).resolves.toEqual({
        status: 200,
        body: 'ok',
      });
      // Without the CA the default trust store refuses it…
      await expect(get(port, {})).rejects.toThrow();
      // …and a name not in the certificate is refused even with the CA.
      await expect(get(port, { ca: caPem, servername: 'not-in-cert.example' })).rejects.toThrow(
        /altnames|Hostname/i,
      );
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('reuses an existing CA when re-run for new hosts', () => {
    const caKeyBefore = readFileSync(result.caKeyPath, 'utf8');
    const again = createLocalCertificates({ outDir, hosts: ['localhost', '10.1.2.3'], days: 30 });
    expect(again.caCreated).toBe(false);
    expect(again.caFingerprint256).toBe(result.caFingerprint256);
    expect(readFileSync(again.caCertPath, 'utf8')).toBe(caPem);
    expect(readFileSync(again.caKeyPath, 'utf8')).toBe(caKeyBefore);
    expect(again.fingerprint256).not.toBe(result.fingerprint256);

    const renewed = new X509Certificate(readFileSync(again.certPath, 'utf8'));
    expect(renewed.checkIssued(ca)).toBe(true);
    expect(renewed.verify(ca.publicKey)).toBe(true);
    expect(renewed.checkIP('10.1.2.3')).toBe('10.1.2.3');
    expect(renewed.checkIP('192.168.1.20')).toBeUndefined();
    const span = new Date(renewed.validTo).getTime() - new Date(renewed.validFrom).getTime();
    expect(span).toBeLessThanOrEqual(30 * 86_400_000);
  });

  it('refuses a half-present or mismatched CA', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'ca.crt'), caPem);
    expect(() => createLocalCertificates({ outDir: dir, hosts: ['localhost'] })).toThrow(/ca\.key/);

    const other = tempDir();
    createLocalCertificates({ outDir: other, hosts: ['localhost'] });
    writeFileSync(join(dir, 'ca.key'), readFileSync(join(other, 'ca.key')));
    expect(() => createLocalCertificates({ outDir: dir, hosts: ['localhost'] })).toThrow(/does not match/);
  });
});

describe('host helpers', () => {
  it('defaultLanHosts includes loopback names and no internal/IPv6 interface addresses beyond ::1', () => {
    const hosts = defaultLanHosts();
    expect(hosts.slice(0, 3)).toEqual(['localhost', '127.0.0.1', '::1']);
    expect(new Set(hosts).size).toBe(hosts.length);
    expect(() => normaliseHosts(hosts)).not.toThrow();
  });

  it('normaliseHosts splits, dedupes and validates', () => {
    expect(normaliseHosts(['LocalHost', 'localhost', '[::1]', '10.0.0.2', 'pos.example.'])).toEqual({
      dnsNames: ['localhost', 'pos.example'],
      ipAddresses: ['::1', '10.0.0.2'],
    });
    expect(() => normaliseHosts([])).toThrow(/at least one/);
    expect(() => normaliseHosts(['bad host'])).toThrow(/Invalid/);
  });
});
