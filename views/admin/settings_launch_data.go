package admin

// LaunchForm echoes the launch section: how the world reaches the shop.
// The stored shop password is never shown; HasPassword says one is
// stored, and Password is what was typed, given back after a refused save.
type LaunchForm struct {
	PublicURL   string
	FixedURL    string // the --base-url the shop runs with, which wins; "" for none
	Closed      bool
	HasPassword bool
	Password    string
}

// MailState is the test email's part of the settings page: whether the
// shop has a mail server, where the test goes, and how the last try went.
type MailState struct {
	Enabled bool
	To      string // the signed-in owner's address
	Sent    bool   // the last test went through
	Error   string // the mail server's answer to the last test, as it said it
}
