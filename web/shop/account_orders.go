package shop

import (
	"errors"
	"net/http"
	"strconv"

	"storefront/i18n"
	"storefront/store"
	"storefront/views"
	"storefront/web/kit"
)

// AccountOrders lists the signed-in customer's orders.
func (h *Handler) AccountOrders(w http.ResponseWriter, r *http.Request) {
	c := h.requireCustomer(w, r)
	if c == nil {
		return
	}
	orders, err := h.Store.CustomerOrders(r.Context(), c.ID)
	if err != nil {
		h.ServerError(w, r, err)
		return
	}
	h.Render(w, r, http.StatusOK, views.AccountOrders(views.AccountOrdersPage{
		Shell: h.accountShell(r, "account.orders.heading"), Orders: orders}))
}

// AccountOrder shows one of the customer's orders; another's is 404, like
// an unknown number.
func (h *Handler) AccountOrder(w http.ResponseWriter, r *http.Request) {
	c := h.requireCustomer(w, r)
	if c == nil {
		return
	}
	o, err := h.Store.CustomerOrder(r.Context(), c.ID, r.PathValue("number"))
	if err != nil {
		h.StoreError(w, r, err)
		return
	}
	h.renderOrder(w, r, o, true)
}

// AccountAddresses is the address book.
func (h *Handler) AccountAddresses(w http.ResponseWriter, r *http.Request) {
	c := h.requireCustomer(w, r)
	if c == nil {
		return
	}
	ctx := r.Context()
	addrs, err := h.Store.CustomerAddresses(ctx, c.ID)
	if err != nil {
		h.ServerError(w, r, err)
		return
	}
	p := views.AccountAddressesPage{Shell: h.accountShell(r, "account.addresses.heading"), Addresses: addrs}
	p.Notice = h.popAccountNotice(r)
	h.Render(w, r, http.StatusOK, views.AccountAddresses(p))
}

// AddressForm shows an empty address form (/account/addresses/new) or one
// of the book's addresses to edit.
func (h *Handler) AddressForm(w http.ResponseWriter, r *http.Request) {
	c := h.requireCustomer(w, r)
	if c == nil {
		return
	}
	var a store.CustomerAddress
	if r.PathValue("id") != "" {
		id, ok := kit.PathInt(r, "id")
		if !ok {
			h.NotFound(w, r)
			return
		}
		var err error
		if a, err = h.Store.CustomerAddressByID(r.Context(), c.ID, id); err != nil {
			h.StoreError(w, r, err)
			return
		}
	} else {
		a.Name = c.Name
	}
	h.renderAccountForm(w, r, http.StatusOK, addressPage(a, nil))
}

// AddressSave adds or replaces an address of the book.
func (h *Handler) AddressSave(w http.ResponseWriter, r *http.Request) {
	c := h.requireCustomer(w, r)
	if c == nil {
		return
	}
	a := store.CustomerAddress{Name: r.PostFormValue("name"), Phone: r.PostFormValue("phone"),
		AddressLine1: r.PostFormValue("address_line1"), AddressLine2: r.PostFormValue("address_line2"),
		City: r.PostFormValue("city"), Region: r.PostFormValue("region"), PostalCode: r.PostFormValue("postal_code"),
		Country: r.PostFormValue("country"), IsDefault: r.PostFormValue("default") == "1"}
	if r.PathValue("id") != "" {
		id, ok := kit.PathInt(r, "id")
		if !ok {
			h.NotFound(w, r)
			return
		}
		a.ID = id
	}
	_, err := h.Store.SaveCustomerAddress(r.Context(), c.ID, a)
	var verr *store.ValidationError
	if errors.As(err, &verr) {
		h.renderAccountForm(w, r, http.StatusUnprocessableEntity, addressPage(a, verr.Fields))
		return
	}
	if err != nil {
		h.StoreError(w, r, err)
		return
	}
	h.flashAccount(r, "account.addresses.saved")
	http.Redirect(w, r, "/account/addresses", http.StatusSeeOther)
}

// AddressDelete removes an address from the book.
func (h *Handler) AddressDelete(w http.ResponseWriter, r *http.Request) {
	c := h.requireCustomer(w, r)
	if c == nil {
		return
	}
	id, ok := kit.PathInt(r, "id")
	if !ok {
		h.NotFound(w, r)
		return
	}
	if err := h.Store.DeleteCustomerAddress(r.Context(), c.ID, id); err != nil {
		h.StoreError(w, r, err)
		return
	}
	h.flashAccount(r, "account.addresses.deleted")
	http.Redirect(w, r, "/account/addresses", http.StatusSeeOther)
}

// addressPage is the address form for a, with the checkout's field names.
func addressPage(a store.CustomerAddress, errs map[string]string) views.AccountFormPage {
	action, heading := "/account/addresses/new", "account.addresses.new"
	if a.ID != 0 {
		action, heading = "/account/addresses/"+strconv.FormatInt(a.ID, 10), "account.addresses.edit"
	}
	def := ""
	if a.IsDefault {
		def = "1"
	}
	return views.AccountFormPage{Heading: heading, Action: action, Submit: "account.addresses.save", Errors: errs, Nav: true,
		Links: []views.AccountLink{{Label: "account.addresses.back", URL: "/account/addresses"}},
		Fields: []views.AccountField{
			{Name: "name", Label: "checkout.field.name", Type: "text", Value: a.Name, Autocomplete: "name", Required: true},
			{Name: "phone", Label: "checkout.field.phone", Type: "tel", Value: a.Phone, Autocomplete: "tel", Optional: true},
			{Name: "address_line1", Label: "checkout.field.address_line1", Type: "text", Value: a.AddressLine1, Autocomplete: "address-line1", Required: true},
			{Name: "address_line2", Label: "checkout.field.address_line2", Type: "text", Value: a.AddressLine2, Autocomplete: "address-line2", Optional: true},
			{Name: "city", Label: "checkout.field.city", Type: "text", Value: a.City, Autocomplete: "address-level2", Required: true},
			{Name: "region", Label: "checkout.field.region", Type: "text", Value: a.Region, Autocomplete: "address-level1", Optional: true},
			{Name: "postal_code", Label: "checkout.field.postal_code", Type: "text", Value: a.PostalCode, Autocomplete: "postal-code"},
			{Name: "country", Label: "checkout.field.country", Type: "country", Value: a.Country},
			{Name: "default", Label: "account.addresses.make_default", Type: "checkbox", Value: def},
		}}
}

// popAccountNotice is the notice flashAccount left, shown once.
func (h *Handler) popAccountNotice(r *http.Request) views.Notice {
	if key := h.Sessions.PopString(r.Context(), sessionAccountNotice); key != "" {
		return views.Notice{Kind: views.NoticeSuccess, Text: i18n.T(r.Context(), key)}
	}
	return views.Notice{}
}
