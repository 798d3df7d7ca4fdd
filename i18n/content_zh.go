package i18n

// zhContent is the Chinese text of editing merchant content in every language.
var zhContent = map[string]string{
	// Catalog content.
	"content.lang.en":            "英文",
	"content.lang.zh":            "中文",
	"content.field_in":           "%s（%s）",
	"content.fallback_hint":      "留空时，使用%s浏览的顾客会看到%s内容。",
	"content.missing":            "待翻译",
	"content.missing_note":       "部分内容还没有%[1]s译文：使用%[1]s浏览的顾客在这些地方会看到%[2]s内容。",
	"content.option_values":      "选项值（%s）",
	"content.option_values_hint": "每个选项值只需翻译一次，含有该值的所有变体都会使用译文。刚添加的值保存后才会出现在这里。",
	// Tags.
	"content.tags_in": "标签（%s）",
	// Translations CSV.
	"content.trcsv.title":           "翻译 CSV",
	"content.trcsv.hint":            "下载所有商品和系列的文字及其译文，每行一条。在电子表格中填写 Value 列后上传：Value 留空会删除该条译文，文件中没有的文字保留原有译文。",
	"content.trcsv.export":          "导出翻译",
	"content.trcsv.export_products": "导出商品（Shopify CSV）",
	"content.trcsv.file":            "翻译 CSV 文件",
	"content.trcsv.import":          "导入翻译",
	"content.trcsv.back":            "返回商品列表",
	"content.trcsv.done":            "共更改 %[3]d 条译文，涉及 %[1]d 个商品、%[2]d 个系列。",
	"content.trcsv.skipped":         "跳过了 %d 行",
	"content.trcsv.more":            "……另有 %d 行。",
	"content.trcsv.skip.type":       "第 %[1]d 行（%[2]s）：类型“%[3]s”无法识别，请填写 product 或 collection。",
	"content.trcsv.skip.handle":     "第 %[1]d 行：没有网址标识为“%[2]s”的商品或系列。",
	"content.trcsv.skip.field":      "第 %[1]d 行（%[2]s）：“%[3]s”不是这个商品或系列可翻译的文字。",
	"content.trcsv.skip.locale":     "第 %[1]d 行（%[2]s）：“%[3]s”不是本店的翻译语言（%[4]s）。",
	"content.trcsv.skip.too_long":   "第 %[1]d 行（%[2]s）：%[3]s 的译文太长。",
	"content.trcsv.skip.twice":      "第 %[1]d 行（%[2]s）：%[3]s 出现了两次，保留第一次的译文。",
	"content.trcsv.skip.not_saved":  "第 %[1]d 行（%[2]s）：出错未能保存，这个商品或系列的译文均未改动。请重试。",
	"content.trcsv.skip.same":       "第 %[1]d 行（%[2]s）：%[3]s 的译文与该选项的另一个值读起来相同，顾客将无法区分。请为每个值填写不同的译文。",
	"content.trcsv.error.missing":   "请选择要上传的翻译 CSV 文件。",
	"content.trcsv.error.too_large": "文件超过 %d MB。",
	"content.trcsv.error.column":    "这不是翻译 CSV：文件需要 Type、Handle、Field、Locale 和 Value 列，缺少 %s 列。",
	"content.trcsv.error.empty":     "文件是空的。",
	"content.trcsv.error.syntax":    "文件第 %d 行无法按 CSV 读取（可能有引号未闭合），未导入任何内容。",
}
