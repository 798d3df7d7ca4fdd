package i18n

// enSetup is the English text of a new shop's setup: defaults, the setup guide, opening soon and the launch password.
var enSetup = map[string]string{}
