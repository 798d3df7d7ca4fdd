package i18n

// zhChrome is the Chinese text of the header, menus, checkout chrome and the admin on a phone.
var zhChrome = map[string]string{}
