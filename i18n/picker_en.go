package i18n

// enPicker is the English text of choosing a variant, savings and shipping labels.
var enPicker = map[string]string{}
