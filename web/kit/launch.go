package kit

// SessionShopPassword is set in a visitor's session once they have given
// the closed shop's password (web's shop gate lets them in).
const SessionShopPassword = "shop_password_ok"
