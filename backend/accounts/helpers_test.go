package accounts_test

import "github.com/fairtender/fairtender/backend/accounts"

func createAdmin() accounts.CreateUserInput {
	return accounts.CreateUserInput{Email: "admin@council.example", Name: "Ada Admin", Role: "admin", Password: goodPassword}
}
