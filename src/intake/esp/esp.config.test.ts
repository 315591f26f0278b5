import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../core/config.ts';
import { loadEspSettings } from './esp.config.ts';

describe('ESP and file settings in the main configuration', () => {
  it('have the documented defaults: files on disk', () => {
    const config = loadConfig({});
    expect(config.esp).toEqual({ maxFileBytes: 20 * 1024 * 1024, hashOnly: false, ratePerMinute: 600, maxFilesPerReport: 100 });
    expect(config.fileStore).toEqual({ kind: 'disk' });
    expect(loadEspSettings({ BEACON_FILES_HASH_ONLY: 'yes' }).hashOnly).toBe(true);
  });

  it('stop the start with the variable’s name when a value is wrong', () => {
    expect(() => loadConfig({ BEACON_MAX_FILE_BYTES: '12' })).toThrow(/BEACON_MAX_FILE_BYTES/);
    expect(() => loadConfig({ BEACON_FILES_HASH_ONLY: 'maybe' })).toThrow(/BEACON_FILES_HASH_ONLY/);
    expect(() => loadConfig({ BEACON_FILE_STORE: 'ftp' })).toThrow(/BEACON_FILE_STORE/);
  });

  it('need a bucket for S3, and both keys or neither; never echo a secret', () => {
    expect(() => loadConfig({ BEACON_FILE_STORE: 's3' })).toThrow(ConfigError);
    expect(() => loadConfig({ BEACON_FILE_STORE: 's3' })).toThrow(/BEACON_S3_BUCKET: is required when BEACON_FILE_STORE=s3/);
    const halfKeys = () =>
      loadConfig({ BEACON_FILE_STORE: 's3', BEACON_S3_BUCKET: 'beacon', BEACON_S3_SECRET_ACCESS_KEY: 'secret-value-1234' });
    expect(halfKeys).toThrow(/BEACON_S3_ACCESS_KEY_ID/);
    expect(halfKeys).not.toThrow(/secret-value-1234/);
    expect(() => loadConfig({ BEACON_FILE_STORE: 's3', BEACON_S3_BUCKET: 'beacon', BEACON_S3_ENDPOINT: 'not a url' })).toThrow(
      /BEACON_S3_ENDPOINT/,
    );
  });

  it('name the S3 store, with the SDK’s own credentials when no keys are given', () => {
    expect(
      loadConfig({ BEACON_FILE_STORE: 's3', BEACON_S3_BUCKET: 'beacon', BEACON_S3_ENDPOINT: 'http://127.0.0.1:3900' }).fileStore,
    ).toEqual({
      kind: 's3',
      bucket: 'beacon',
      endpoint: 'http://127.0.0.1:3900',
      region: 'us-east-1',
      credentials: undefined,
    });
    expect(
      loadConfig({
        BEACON_FILE_STORE: 's3',
        BEACON_S3_BUCKET: 'beacon',
        BEACON_S3_ACCESS_KEY_ID: 'id',
        BEACON_S3_SECRET_ACCESS_KEY: 'key',
        BEACON_S3_REGION: 'garage',
      }).fileStore,
    ).toMatchObject({ region: 'garage', credentials: { accessKeyId: 'id', secretAccessKey: 'key' } });
  });
});
