package i18n

// zhBackup is the Chinese text of backups and restores.
var zhBackup = map[string]string{}
