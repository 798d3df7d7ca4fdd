package i18n

// zhPicker is the Chinese text of choosing a variant, savings and shipping labels.
var zhPicker = map[string]string{}
