package i18n

// zhContent is the Chinese text of editing merchant content in every language.
var zhContent = map[string]string{
	// Catalog content.
	"content.lang.en":            "English",
	"content.lang.zh":            "中文",
	"content.field_in":           "%s（%s）",
	"content.fallback_hint":      "留空时，使用%s浏览的顾客会看到默认语言。",
	"content.missing":            "待翻译",
	"content.missing_note":       "部分内容还没有%s译文：使用%s浏览的顾客在这些地方会看到默认语言。",
	"content.option_values":      "选项值（%s）",
	"content.option_values_hint": "每个选项值只需翻译一次，含有该值的所有变体都会使用译文。刚添加的值保存后才会出现在这里。",
	// Tags.
	"content.tags_in": "标签（%s）",
}
