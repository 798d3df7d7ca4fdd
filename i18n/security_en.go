package i18n

// enSecurity is the English text of the security fixes: input validation, login throttling, upload limits.
var enSecurity = map[string]string{
	// A form that is not text (kit.ReadForm).
	"error.form_text.title": "Characters the shop cannot read",
	"error.form_text.msg":   "The form held characters that are not text, perhaps pasted from another program. Go back, type the text again and send the form once more.",
	// Login throttling and uploads.
	"error.image_too_big":    "That image has too many pixels for the shop to process. Save a smaller copy (for example 2000 pixels on the longest side) and upload that.",
	"admin.login.slowed_msg": "Too many failed sign-ins from your connection. To protect the account, wait until %[2]s (about %[1]d min) before trying again.",
}
