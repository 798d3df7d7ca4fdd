package i18n

// zhSecurity is the Chinese text of the security fixes: input validation, login throttling, upload limits.
var zhSecurity = map[string]string{
	// A form that is not text (kit.ReadForm).
	"error.form_text.title": "店铺无法识别其中的字符",
	"error.form_text.msg":   "表单里有无法识别的字符，可能是从其他程序粘贴过来的。请返回，重新输入文字后再提交一次。",
	// Login throttling and uploads.
	"error.image_too_big":    "这张图片像素太多，店铺无法处理。请另存一份较小的图片（例如最长边 2000 像素）后再上传。",
	"admin.login.slowed_msg": "您的网络连接登录失败次数过多。为保护账号，请等到 %[2]s（约 %[1]d 分钟后）再试。",
}
