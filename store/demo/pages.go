package demo

import (
	"context"

	"storefront/store"
)

// infoPages are the demo shop's information pages in English and Chinese.
// Only the about page has a title of its own; the others show the
// catalog's name for them.
var infoPages = []struct {
	slug        string
	title, body store.Text
}{
	{store.InfoPageAbout, store.Plain("Our story").With("zh", "我们的故事"), store.Text{
		Default: "Storefront Demo began as a market stall on Market Street: linen shirts from Northfield Linen, silk from Hangzhou, " +
			"and the teas we drank while folding them.\n\n" +
			"We still buy from small workshops we visit ourselves, in small batches, and we write every product page after using the thing.\n\n" +
			"Questions? Write to hello@storefront.example or drop by 12 Market Street, Springfield.",
		Tr: map[string]string{"zh": "Storefront Demo 起步于市场街上的一个小摊：卖 Northfield Linen 的亚麻衬衫、杭州的真丝，还有我们叠衣服时喝的茶。\n\n" +
			"我们至今仍只向亲自拜访过的小作坊小批量采购，每件商品都先用过再写介绍。\n\n" +
			"有问题？请写信至 hello@storefront.example，或到斯普林菲尔德市场街 12 号找我们。"},
	}},
	{store.InfoPageShipping, store.Text{}, store.Text{
		Default: "We pack orders within one working day; delivery takes 3–5 working days.\n\n" +
			"Standard shipping is $8.00, and free on orders over $299. You can also pick up your order at 12 Market Street, Springfield.\n\n" +
			"Every parcel is tracked. If yours is more than a week late, write to us and we will send a new one or refund you.",
		Tr: map[string]string{"zh": "订单在一个工作日内打包发出，3–5 个工作日送达。\n\n" +
			"标准配送运费 8.00 美元，订单满 299 美元包邮。也可以到斯普林菲尔德市场街 12 号自提。\n\n" +
			"每个包裹都可追踪。如延误超过一周，请联系我们，我们会补发或退款。"},
	}},
	{store.InfoPageTerms, store.Text{}, store.Text{
		Default: "These terms apply to every order placed at Storefront Demo.\n\n" +
			"Prices are in US dollars and include tax where shown. An order is accepted when we send its confirmation; " +
			"an unpaid order is cancelled when its payment time runs out.\n\n" +
			"You may return items within 7 days of delivery, as our return policy on each order's return form describes.\n\n" +
			"This is a demo shop: nothing ordered here is ever shipped or charged.",
		Tr: map[string]string{"zh": "以下条款适用于在 Storefront Demo 下的每一笔订单。\n\n" +
			"价格以美元计，标明含税时已含税费。我们发出订单确认即视为接受订单；未在付款时限内付款的订单将自动取消。\n\n" +
			"收货后 7 天内可退货，具体见各订单退货页面上的退货政策。\n\n" +
			"这是一个演示商店：在此下的订单不会发货，也不会扣款。"},
	}},
	{store.InfoPagePrivacy, store.Text{}, store.Text{
		Default: "We keep what we need to deliver your order: your name, address, email and phone, and what you bought.\n\n" +
			"We share it only with the payment provider and the courier, and never sell it. " +
			"Payment card details go straight to Stripe; we never see them.\n\n" +
			"Signed in, you can download everything we hold about you, or delete your account, from your account settings.",
		Tr: map[string]string{"zh": "我们只保存为您送达订单所需的信息：姓名、地址、邮箱、电话以及购买记录。\n\n" +
			"这些信息仅与支付机构和快递公司共享，绝不出售。银行卡信息直接提交给 Stripe，我们无法看到。\n\n" +
			"登录后，您可以在账户设置中下载我们保存的全部个人数据，或注销账户。"},
	}},
}

// seedInfoPages writes the demo's information pages.
func seedInfoPages(ctx context.Context, st *store.Store) error {
	for _, p := range infoPages {
		if err := st.SaveInfoPage(ctx, store.Actor{Email: "owner@demo"}, p.slug, 0, p.title, p.body); err != nil {
			return err
		}
	}
	return nil
}
