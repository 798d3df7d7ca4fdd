package views

// Email is one order email with every string already in the order's
// language and every amount formatted, so that its HTML part (EmailHTML)
// and its plain-text part (mail/compose.go) say exactly the same thing.
type Email struct {
	Lang      string // the html lang attribute: "en" or "zh-CN"
	Subject   string
	StoreName string
	Heading   string
	Intro     []string       // paragraphs under the heading
	Sections  []EmailSection // what the email is about: how to pay, the parcel
	Items     EmailItems
	Details   []EmailSection // after the items: the order's number, address, note
	Action    EmailLink      // the button to the order page
	Footer    []string
	LabelSep  string // between a label and its value in the plain-text part: ": " or "："
}

// EmailSection is a titled block: label and value rows (order number,
// carrier, tracking number), paragraphs (payment instructions) and lines
// kept together in one paragraph (an address).
type EmailSection struct {
	Title string
	Rows  []EmailRow
	Text  []string
	Lines []string
}

// EmailRow is a label and its value.
type EmailRow struct {
	Label string
	Value string
}

// EmailItems is a list of items bought, with the totals under it when the
// email gives them.
type EmailItems struct {
	Title  string
	Lines  []EmailRow // "2 × Linen Shirt (M)" and its amount ("" when not shown)
	Totals []EmailRow // the last is the grand total
}

// EmailLink is a link shown as a button.
type EmailLink struct {
	Label string
	URL   string
}

// emailCSS styles the HTML part. Mail programs drop linked stylesheets,
// so it travels in the message's head; the layout still reads well where
// a program ignores it.
const emailCSS = `body{margin:0;padding:0;background:#f4f4f2;color:#1f1f1f;font-family:-apple-system,"Segoe UI",Helvetica,Arial,"PingFang SC","Microsoft YaHei",sans-serif;font-size:15px;line-height:1.5}
.wrap{width:100%;background:#f4f4f2;padding:24px 0}
.card{max-width:600px;margin:0 auto;background:#ffffff;border:1px solid #e2e2de;border-radius:6px;padding:24px}
.store{font-size:13px;color:#6b6b66;text-transform:uppercase;letter-spacing:.06em;margin:0 0 16px}
h1{font-size:22px;line-height:1.3;margin:0 0 16px}
h2{font-size:15px;margin:24px 0 8px;padding-bottom:4px;border-bottom:1px solid #e2e2de}
p{margin:0 0 12px}
table{width:100%;border-collapse:collapse}
td{padding:4px 0;vertical-align:top}
td.amount{text-align:right;white-space:nowrap;padding-left:12px}
tr.total td{font-weight:700;border-top:1px solid #e2e2de;padding-top:8px}
td.label{width:1%;color:#6b6b66;padding-right:16px;white-space:nowrap}
.button{display:inline-block;margin:24px 0 8px;padding:12px 20px;background:#1f1f1f;color:#ffffff !important;text-decoration:none;border-radius:4px;font-weight:600}
.footer{max-width:600px;margin:16px auto 0;color:#6b6b66;font-size:12px;text-align:center;padding:0 16px}`
