package webtest

import (
	"context"
	"net/http"
	"net/url"
	"strconv"

	"storefront/store"
)

// Password is every test staff member's password.
const Password = "test password 123"

// AddStaff creates a staff member with role directly in the store.
func (s *Shop) AddStaff(role string) *store.Staff {
	s.T.Helper()
	n, err := s.Store.StaffCount(context.Background())
	if err != nil {
		s.T.Fatal(err)
	}
	st, err := s.Store.CreateStaff(context.Background(), store.Actor{}, store.StaffInput{
		Email: role + strconv.Itoa(n+1) + "@example.com", Name: "Test " + role, Password: Password, Role: role})
	if err != nil {
		s.T.Fatal(err)
	}
	return st
}

// LoginAs creates a staff member with role and signs in as them through the
// real login form, on a fresh browser.
func (s *Shop) LoginAs(role string) *store.Staff {
	s.T.Helper()
	st := s.AddStaff(role)
	s.ForgetCookies()
	s.Login(st.Email, Password)
	return st
}

// Login signs in through the form and fails the test unless it succeeds.
func (s *Shop) Login(email, password string) {
	s.T.Helper()
	res := s.Post("/admin/login", url.Values{"email": {email}, "password": {password}})
	if res.Status != http.StatusSeeOther {
		s.T.Fatalf("login as %s = %d\n%s", email, res.Status, res.Body)
	}
}
