package i18n

// enBackup is the English text of backups and restores.
var enBackup = map[string]string{}
