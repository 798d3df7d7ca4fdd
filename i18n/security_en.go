package i18n

// enSecurity is the English text of the security fixes: input validation, login throttling, upload limits.
var enSecurity = map[string]string{}
