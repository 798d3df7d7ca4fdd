package i18n

// zhContent is the Chinese text of editing merchant content in every language.
var zhContent = map[string]string{}
