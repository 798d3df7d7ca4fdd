package demo

import "storefront/store"

// settingsZH are the demo shop's shopper-facing settings in Chinese, the
// translations of settings' English values.
var settingsZH = [][2]string{
	{store.SettingStoreName, "Storefront 示例店"},
	{store.SettingDescription, "来自小作坊的亚麻衣物、茶叶与茶具：一家可以随意逛逛的示例店。"},
	{store.SettingBankTransferInstructions, "示例银行 · 户名：Storefront Demo · IBAN：GB33 BUKB 2020 1555 5555 55 · " +
		"BIC：BUKBGB22。转账时请在附言中填写订单号，款项到账后我们会立即发货。"},
	{store.SettingCODInstructions, "包裹送达时，可向快递员支付现金或刷卡付款。"},
}
