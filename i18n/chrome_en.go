package i18n

// enChrome is the English text of the header, menus, checkout chrome and the admin on a phone.
var enChrome = map[string]string{}
