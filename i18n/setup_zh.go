package i18n

// zhSetup is the Chinese text of a new shop's setup: defaults, the setup guide, opening soon and the launch password.
var zhSetup = map[string]string{}
