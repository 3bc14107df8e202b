import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('defaults to SQLite under ./data on port 3000 with a localhost base URL', () => {
    const config = loadConfig({});
    assert.equal(config.port, 3000);
    assert.equal(config.host, '127.0.0.1');
    assert.equal(config.baseUrl, 'http://localhost:3000');
    assert.deepEqual(config.database, { kind: 'sqlite', file: path.resolve('data', 'qalam.db') });
    assert.equal(config.secureCookies, false);
  });

  it('takes PostgreSQL from DATABASE_URL and https from BASE_URL', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://u@db:5432/news', BASE_URL: 'https://news.example.kz/' });
    assert.deepEqual(config.database, { kind: 'postgres', url: 'postgres://u@db:5432/news' });
    assert.equal(config.baseUrl, 'https://news.example.kz');
    assert.equal(config.secureCookies, true);
  });

  it('names every bad variable and why', () => {
    assert.throws(
      () => loadConfig({ PORT: 'eighty', BASE_URL: 'news.example.kz', DATABASE_URL: 'mysql://x' }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.match(error.message, /PORT="eighty": must be a port number/);
        assert.match(error.message, /BASE_URL="news.example.kz": must be an http\(s\) URL/);
        assert.match(error.message, /DATABASE_URL="mysql:\/\/x": must start with postgres:\/\//);
        return true;
      },
    );
  });

  it('trusts no proxy unless told, and reads proxy addresses', () => {
    assert.equal(loadConfig({}).trustProxy, false);
    assert.equal(loadConfig({ TRUST_PROXY: 'on' }).trustProxy, true);
    assert.equal(loadConfig({ TRUST_PROXY: '10.0.0.0/8,127.0.0.1' }).trustProxy, '10.0.0.0/8,127.0.0.1');
    assert.throws(() => loadConfig({ TRUST_PROXY: 'yes please' }), /TRUST_PROXY="yes please"/);
  });

  it('sizes the page cache in MiB, 0 turning it off, and refuses a size that is not a number', () => {
    assert.equal(loadConfig({}).pageCacheBytes, 24 * 1024 * 1024);
    assert.equal(loadConfig({ PAGE_CACHE_MB: '0' }).pageCacheBytes, 0);
    assert.equal(loadConfig({ PAGE_CACHE_MB: '0.5' }).pageCacheBytes, 512 * 1024);
    assert.throws(() => loadConfig({ PAGE_CACHE_MB: 'lots' }), /PAGE_CACHE_MB="lots": must be a number of MiB/);
    assert.throws(() => loadConfig({ PAGE_CACHE_MB: '-1' }), /PAGE_CACHE_MB="-1"/);
  });

  it('refuses a port out of range', () => {
    assert.throws(() => loadConfig({ PORT: '70000' }), /PORT="70000"/);
  });

  it('reads the outbound allow-list as host or host:port entries, and names a bad one', () => {
    assert.deepEqual(loadConfig({}).outboundAllowHosts, []);
    assert.deepEqual(loadConfig({ OUTBOUND_ALLOW_HOSTS: '127.0.0.1:4010, hooks.internal,[::1]:8080' }).outboundAllowHosts, ['127.0.0.1:4010', 'hooks.internal', '[::1]:8080']);
    assert.throws(() => loadConfig({ OUTBOUND_ALLOW_HOSTS: 'http://hooks.internal/' }), /OUTBOUND_ALLOW_HOSTS="http:\/\/hooks.internal\/": must be comma-separated host/);
  });

  it('paces the copy monitor 2 s per host with 20 s per request by default, and names a bad setting', () => {
    assert.deepEqual(loadConfig({}).monitor, { hostDelayMs: 2000, timeoutMs: 20000 });
    assert.deepEqual(loadConfig({ MONITOR_HOST_DELAY_SECONDS: '0.5', MONITOR_TIMEOUT_SECONDS: '5' }).monitor, { hostDelayMs: 500, timeoutMs: 5000 });
    assert.throws(() => loadConfig({ MONITOR_HOST_DELAY_SECONDS: '-1' }), /MONITOR_HOST_DELAY_SECONDS/);
    assert.throws(() => loadConfig({ MONITOR_TIMEOUT_SECONDS: 'soon' }), /MONITOR_TIMEOUT_SECONDS/);
  });
});
