package suppliers_test

import (
	"errors"
	"testing"

	"github.com/fairtender/fairtender/backend/accounts"
	"github.com/fairtender/fairtender/backend/platform/refdata"
	"github.com/fairtender/fairtender/backend/suppliers"
)

const (
	pounds    = int64(100)
	million   = 1_000_000 * pounds
	islington = "E09000019"
)

func TestClassifySizeBoundaries(t *testing.T) {
	d := suppliers.DefaultSizeThresholds()
	for _, tc := range []struct {
		name     string
		staff    int
		turnover int64
		want     suppliers.Size
	}{
		{"no staff and no turnover is micro", 0, 0, suppliers.SizeMicro},
		{"9 staff is micro", 9, 0, suppliers.SizeMicro},
		{"10 staff is small", 10, 0, suppliers.SizeSmall},
		{"49 staff is small", 49, 0, suppliers.SizeSmall},
		{"50 staff is medium", 50, 0, suppliers.SizeMedium},
		{"249 staff is medium", 249, 0, suppliers.SizeMedium},
		{"250 staff is large", 250, 0, suppliers.SizeLarge},
		{"turnover a penny under £2m is micro", 0, 2*million - 1, suppliers.SizeMicro},
		{"turnover of exactly £2m is small", 0, 2 * million, suppliers.SizeSmall},
		{"turnover a penny under £10m is small", 0, 10*million - 1, suppliers.SizeSmall},
		{"turnover of exactly £10m is medium", 0, 10 * million, suppliers.SizeMedium},
		{"turnover a penny under £50m is medium", 0, 50*million - 1, suppliers.SizeMedium},
		{"turnover of exactly £50m is large", 0, 50 * million, suppliers.SizeLarge},
		{"medium turnover makes micro staff medium", 5, 12 * million, suppliers.SizeMedium},
		{"large staff makes micro turnover large", 300, 100 * pounds, suppliers.SizeLarge},
		{"large turnover makes micro staff large", 3, 60 * million, suppliers.SizeLarge},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, reason := suppliers.ClassifySize(d, tc.staff, tc.turnover)
			if got != tc.want {
				t.Errorf("ClassifySize(%d staff, %d pence) = %s (%q), want %s", tc.staff, tc.turnover, got, reason, tc.want)
			}
			if reason == "" {
				t.Error("no reason given")
			}
		})
	}
}

func TestClassifySizeReasons(t *testing.T) {
	d := suppliers.DefaultSizeThresholds()
	for _, tc := range []struct {
		name     string
		staff    int
		turnover int64
		want     string
	}{
		{"micro gives both figures", 4, 500_000 * pounds,
			"Micro: you told us you have 4 staff (fewer than 10) and a turnover of £500,000 (under £2,000,000)."},
		{"one member of staff", 1, 0,
			"Micro: you told us you have 1 member of staff (fewer than 10) and a turnover of £0 (under £2,000,000)."},
		{"no staff and pence", 0, 12_345_67,
			"Micro: you told us you have no staff (fewer than 10) and a turnover of £12,345.67 (under £2,000,000)."},
		{"small by both figures", 12, 3 * million,
			"Small: you told us you have 12 staff (fewer than 50) and a turnover of £3,000,000 (under £10,000,000)."},
		{"small because of staff says what micro needs", 12, 1_500_000 * pounds,
			"Small: you told us you have 12 staff (fewer than 50) and a turnover of £1,500,000 (under £10,000,000). To be micro you would need fewer than 10 staff."},
		{"medium because of turnover", 12, 12 * million,
			"Medium: your turnover of £12,000,000 is £10,000,000 or more, so you are not small, but under £50,000,000."},
		{"large because of staff", 1_200, 0,
			"Large: you have 1,200 staff, which is 250 or more, so you are not medium-sized."},
		{"large because of turnover", 20, 75 * million,
			"Large: your turnover of £75,000,000 is £50,000,000 or more, so you are not medium-sized."},
		{"large by both figures", 300, 60 * million,
			"Large: you told us you have 300 staff (250 or more) and a turnover of £60,000,000 (£50,000,000 or more)."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, got := suppliers.ClassifySize(d, tc.staff, tc.turnover)
			if got != tc.want {
				t.Errorf("got  %q\nwant %q", got, tc.want)
			}
		})
	}
}

func TestClassifySizeWithCouncilThresholds(t *testing.T) {
	// A council may set its own limits; the boundaries move with them.
	th := suppliers.SizeThresholds{MicroStaff: 5, MicroTurnoverPence: 1 * million, SmallStaff: 20,
		SmallTurnoverPence: 5 * million, SMEStaff: 100, SMETurnoverPence: 25 * million}
	for _, tc := range []struct {
		name     string
		staff    int
		turnover int64
		want     suppliers.Size
	}{
		{"4 staff is micro", 4, 0, suppliers.SizeMicro},
		{"5 staff is small", 5, 0, suppliers.SizeSmall},
		{"99 staff is medium", 99, 0, suppliers.SizeMedium},
		{"100 staff is large", 100, 0, suppliers.SizeLarge},
		{"£25m is large", 0, 25 * million, suppliers.SizeLarge},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got, reason := suppliers.ClassifySize(th, tc.staff, tc.turnover); got != tc.want {
				t.Errorf("got %s (%q), want %s", got, reason, tc.want)
			}
		})
	}
}

func TestClassifySizeThresholdsValidate(t *testing.T) {
	if err := suppliers.DefaultSizeThresholds().Validate(); err != nil {
		t.Errorf("defaults: got %v, want nil", err)
	}
	for _, tc := range []struct {
		name string
		edit func(*suppliers.SizeThresholds)
	}{
		{"zero thresholds are refused", func(t *suppliers.SizeThresholds) { *t = suppliers.SizeThresholds{} }},
		{"small staff below micro is refused", func(t *suppliers.SizeThresholds) { t.SmallStaff = 5 }},
		{"SME turnover below small is refused", func(t *suppliers.SizeThresholds) { t.SMETurnoverPence = 1 }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			th := suppliers.DefaultSizeThresholds()
			tc.edit(&th)
			if err := th.Validate(); err == nil {
				t.Errorf("Validate(%+v) = nil, want an error", th)
			}
		})
	}
}

func TestClassifyVCSEByLegalForm(t *testing.T) {
	want := map[string]bool{
		"private_limited_company":                  false,
		"public_limited_company":                   false,
		"limited_liability_partnership":            false,
		"partnership":                              false,
		"sole_trader":                              false,
		"charitable_incorporated_organisation":     true,
		"charitable_company":                       true,
		"community_interest_company":               true,
		"cooperative_or_community_benefit_society": true,
		"unincorporated_association":               true,
		"public_body":                              false,
	}
	for _, f := range accounts.LegalForms {
		name := f.Label + " is not VCSE by its legal form"
		if want[f.Value] {
			name = f.Label + " is VCSE"
		}
		t.Run(name, func(t *testing.T) {
			w, ok := want[f.Value]
			if !ok {
				t.Fatalf("legal form %q has no expectation here: add it", f.Value)
			}
			if !suppliers.KnownLegalForm(f.Value) {
				t.Errorf("KnownLegalForm(%q) = false, want true", f.Value)
			}
			got, reason := suppliers.ClassifyVCSE(f.Value, false, false)
			if got != w {
				t.Errorf("ClassifyVCSE(%q) = %v (%q), want %v", f.Value, got, reason, w)
			}
			if reason == "" {
				t.Error("no reason given")
			}
		})
	}
	if len(want) != len(accounts.LegalForms) {
		t.Errorf("%d expectations for %d legal forms", len(want), len(accounts.LegalForms))
	}
}

func TestClassifyVCSEBySocialEnterprise(t *testing.T) {
	for _, tc := range []struct {
		name                        string
		form                        string
		socialEnterprise, assetLock bool
		want                        bool
		reason                      string
	}{
		{"company that is a social enterprise with an asset lock is VCSE", "private_limited_company", true, true, true,
			"VCSE: you told us you are a social enterprise with an asset lock, so you count as a voluntary, community or social enterprise organisation."},
		{"social enterprise without an asset lock is not VCSE, with the reason", "private_limited_company", true, false, false,
			"Not VCSE: you told us you are a social enterprise, but without an asset lock (a rule in your constitution that keeps your assets and profits for your social purpose). A social enterprise counts as VCSE only if it has an asset lock."},
		{"asset lock without being a social enterprise is not VCSE", "limited_liability_partnership", false, true, false,
			"Not VCSE: you told us you have an asset lock but are not a social enterprise. A limited liability partnership (LLP) counts as VCSE only if it is a social enterprise with an asset lock."},
		{"ordinary company is not VCSE", "sole_trader", false, false, false,
			"Not VCSE: a sole trader counts as VCSE only if it is a social enterprise with an asset lock (a rule in your constitution that keeps your assets and profits for your social purpose)."},
		{"public body is never VCSE", "public_body", true, true, false,
			"Not VCSE: public bodies are not voluntary, community and social enterprise organisations (VCSEs)."},
		{"charity is VCSE without declaring anything", "charitable_company", false, false, true,
			"VCSE: charitable companies count as voluntary, community and social enterprise organisations (VCSEs)."},
		{"legal form not given yet still counts a social enterprise", "", true, true, true, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, reason := suppliers.ClassifyVCSE(tc.form, tc.socialEnterprise, tc.assetLock)
			if got != tc.want {
				t.Errorf("got %v (%q), want %v", got, reason, tc.want)
			}
			if tc.reason != "" && reason != tc.reason {
				t.Errorf("reason\ngot  %q\nwant %q", reason, tc.reason)
			}
		})
	}
}

func TestClassifyLocalityForIslington(t *testing.T) {
	for _, tc := range []struct {
		name, code string
		want       suppliers.Locality
		reason     string
	}{
		{"Islington is local", "E09000019", suppliers.LocalityLocal, "Local: your organisation is based in Islington."},
		{"Camden is sub-regional", "E09000007", suppliers.LocalitySubRegional, "Sub-regional: Camden borders Islington."},
		{"Hackney is sub-regional", "E09000012", suppliers.LocalitySubRegional, "Sub-regional: Hackney borders Islington."},
		{"Haringey is sub-regional", "E09000014", suppliers.LocalitySubRegional, "Sub-regional: Haringey borders Islington."},
		{"City of London is sub-regional", "E09000001", suppliers.LocalitySubRegional, "Sub-regional: City of London borders Islington."},
		{"Westminster is regional", "E09000033", suppliers.LocalityRegional, "Regional: Westminster is in London."},
		{"Manchester is national", "E08000003", suppliers.LocalityNational, "National: Manchester is outside London."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, reason, err := suppliers.ClassifyLocality(islington, tc.code)
			if err != nil || got != tc.want || reason != tc.reason {
				t.Errorf("ClassifyLocality(Islington, %s) = %s, %q, %v; want %s, %q, nil", tc.code, got, reason, err, tc.want, tc.reason)
			}
		})
	}
	t.Run("unknown supplier authority is a form error", func(t *testing.T) {
		_, _, err := suppliers.ClassifyLocality(islington, "E09999999")
		checkInvalid(t, err)
		if !errors.Is(err, refdata.ErrUnknownLocalAuthority) {
			t.Errorf("got %v, want it to wrap refdata.ErrUnknownLocalAuthority", err)
		}
	})
	t.Run("unknown council authority is a configuration error", func(t *testing.T) {
		_, _, err := suppliers.ClassifyLocality("E09999999", islington)
		if err == nil || errors.Is(err, suppliers.ErrInvalid) {
			t.Errorf("got %v, want an error that is not ErrInvalid", err)
		}
	})
}

func TestClassify(t *testing.T) {
	d := suppliers.DefaultSizeThresholds()
	t.Run("local micro CIC", func(t *testing.T) {
		got, err := suppliers.Classify(d, islington, suppliers.ClassifyInput{
			Staff: 3, TurnoverPence: 250_000 * pounds, LegalForm: "community_interest_company", LocalAuthorityCode: islington,
		})
		if err != nil {
			t.Fatal(err)
		}
		want := suppliers.Classification{
			Size:           suppliers.SizeMicro,
			SizeReason:     "Micro: you told us you have 3 staff (fewer than 10) and a turnover of £250,000 (under £2,000,000).",
			SME:            true,
			VCSE:           true,
			VCSEReason:     "VCSE: community interest companies (CICs) count as voluntary, community and social enterprise organisations (VCSEs).",
			Locality:       suppliers.LocalityLocal,
			LocalityReason: "Local: your organisation is based in Islington.",
		}
		if got != want {
			t.Errorf("got  %+v\nwant %+v", got, want)
		}
	})
	t.Run("large national company is not an SME", func(t *testing.T) {
		got, err := suppliers.Classify(d, islington, suppliers.ClassifyInput{
			Staff: 250, TurnoverPence: 0, LegalForm: "public_limited_company", LocalAuthorityCode: "E08000003",
		})
		if err != nil {
			t.Fatal(err)
		}
		if got.Size != suppliers.SizeLarge || got.SME || got.VCSE || got.Locality != suppliers.LocalityNational {
			t.Errorf("got %+v, want large, not SME, not VCSE, national", got)
		}
	})
	t.Run("medium is still an SME", func(t *testing.T) {
		got, err := suppliers.Classify(d, islington, suppliers.ClassifyInput{Staff: 249, LocalAuthorityCode: "E09000007"})
		if err != nil || got.Size != suppliers.SizeMedium || !got.SME {
			t.Errorf("got %+v, %v; want medium and SME", got, err)
		}
	})
	t.Run("no local authority yet leaves locality empty with a reason", func(t *testing.T) {
		got, err := suppliers.Classify(d, islington, suppliers.ClassifyInput{Staff: 1})
		if err != nil || got.Locality != "" || got.LocalityReason == "" {
			t.Errorf("got %+v, %v; want no locality, a reason and no error", got, err)
		}
	})
	for _, tc := range []struct {
		name string
		in   suppliers.ClassifyInput
	}{
		{"negative staff is a form error", suppliers.ClassifyInput{Staff: -1}},
		{"negative turnover is a form error", suppliers.ClassifyInput{TurnoverPence: -1}},
		{"unknown legal form is a form error", suppliers.ClassifyInput{LegalForm: "trust"}},
		{"unknown local authority is a form error", suppliers.ClassifyInput{LocalAuthorityCode: "X"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := suppliers.Classify(d, islington, tc.in)
			checkInvalid(t, err)
		})
	}
	t.Run("bad thresholds are a configuration error", func(t *testing.T) {
		_, err := suppliers.Classify(suppliers.SizeThresholds{}, islington, suppliers.ClassifyInput{})
		if err == nil || errors.Is(err, suppliers.ErrInvalid) {
			t.Errorf("got %v, want an error that is not ErrInvalid", err)
		}
	})
	t.Run("unknown council is a configuration error even without a supplier authority", func(t *testing.T) {
		_, err := suppliers.Classify(d, "nowhere", suppliers.ClassifyInput{})
		if err == nil || errors.Is(err, suppliers.ErrInvalid) {
			t.Errorf("got %v, want an error that is not ErrInvalid", err)
		}
	})
}
