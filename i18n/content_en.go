package i18n

// enContent is the English text of editing merchant content in every language.
var enContent = map[string]string{}
