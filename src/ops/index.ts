export { BackupFormatError } from './backup-format.ts';
export { fileSource, writeBackup } from './backup.ts';
export { restoreBackup, RestoreRefused } from './restore.ts';
export { diagnose, report } from './doctor.ts';
