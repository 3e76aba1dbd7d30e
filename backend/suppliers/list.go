package suppliers

import (
	"bufio"
	"context"
	"encoding/csv"
	"fmt"
	"strconv"
	"strings"

	"github.com/fairtender/fairtender/backend/platform/apperr"
	"github.com/fairtender/fairtender/backend/platform/database"
	"github.com/fairtender/fairtender/backend/platform/refdata"
	"gorm.io/gorm"
)

// ListFilter narrows the buyers' supplier list. Empty fields do not filter.
type ListFilter struct {
	Q             string `query:"q" maxLength:"200" doc:"Words in the organisation's name or description."`
	Size          string `query:"size" enum:"micro,small,medium,large," doc:"micro, small, medium or large."`
	SME           string `query:"sme" enum:"true,false," doc:"true: micro, small and medium only."`
	VCSE          string `query:"vcse" enum:"true,false,"`
	Locality      string `query:"locality" enum:"local,sub_regional,regional,national,"`
	CPV           string `query:"cpv" maxLength:"10" doc:"A CPV code; suppliers interested in it or in anything below it in the hierarchy."`
	Declaration   string `query:"declaration" maxLength:"60" doc:"An ethical standard the supplier has answered yes to."`
	Accreditation string `query:"accreditation" maxLength:"100"`
}

// SupplierSummary is one row of the buyers' list.
type SupplierSummary struct {
	OrganisationID string `json:"organisationId"`
	Name           string `json:"name"`
	TradingName    string `json:"tradingName"`
	LegalForm      string `json:"legalForm" enum:"private_limited_company,public_limited_company,limited_liability_partnership,partnership,sole_trader,charitable_incorporated_organisation,charitable_company,community_interest_company,cooperative_or_community_benefit_society,unincorporated_association,public_body"`
	Size           string `json:"size"`
	VCSE           bool   `json:"vcse"`
	Locality       string `json:"locality"`
	LocalAuthority string `json:"localAuthorityCode"`
	Postcode       string `json:"postcode"`
}

// ClassCounts counts the filtered suppliers in each class, so buyers see the make-up of the list.
type ClassCounts struct {
	Size     map[string]int64 `json:"size"`
	VCSE     int64            `json:"vcse"`
	Locality map[string]int64 `json:"locality"`
}

// SupplierList is one page of suppliers.
type SupplierList struct {
	Items    []SupplierSummary `json:"items" nullable:"false"`
	Total    int64             `json:"total"`
	Page     int               `json:"page"`
	PageSize int               `json:"pageSize"`
	Counts   ClassCounts       `json:"counts"`
}

// filtered applies f to a query over supplier_profiles p joined to organisations o.
func (s *Service) filtered(db *gorm.DB, f ListFilter) (*gorm.DB, error) {
	q := db.Table("supplier_profiles p").Joins("JOIN (?) o ON o.id = p.organisation_id", s.accounts.OrganisationsQuery(db))
	if f.Q != "" {
		like := "%" + strings.ReplaceAll(strings.ReplaceAll(f.Q, "%", ""), "_", "") + "%"
		q = q.Where("("+s.db.ILike("o.name")+" OR "+s.db.ILike("p.trading_name")+" OR "+s.db.ILike("p.description")+")", like, like, like)
	}
	if f.Size != "" {
		q = q.Where("p.size_class = ?", f.Size)
	}
	if f.SME == "true" {
		q = q.Where("p.size_class IN ?", []string{"micro", "small", "medium"})
	} else if f.SME == "false" {
		q = q.Where("p.size_class = ?", "large")
	}
	if f.VCSE != "" {
		q = q.Where("p.vcse = ?", f.VCSE == "true")
	}
	if f.Locality != "" {
		q = q.Where("p.locality = ?", f.Locality)
	}
	if f.CPV != "" {
		prefix, err := cpvPrefix(f.CPV)
		if err != nil {
			return nil, err
		}
		q = q.Where("EXISTS (SELECT 1 FROM supplier_cpv_codes c WHERE c.organisation_id = p.organisation_id AND c.code LIKE ?)", prefix+"%")
	}
	if f.Declaration != "" {
		q = q.Where("EXISTS (SELECT 1 FROM supplier_declarations d WHERE d.organisation_id = p.organisation_id AND d.standard = ? AND d.answer = 'yes')", f.Declaration)
	}
	if f.Accreditation != "" {
		q = q.Where("EXISTS (SELECT 1 FROM supplier_accreditations a WHERE a.organisation_id = p.organisation_id AND "+s.db.ILike("a.name")+")", f.Accreditation)
	}
	return q, nil
}

// cpvPrefix turns a CPV code into the digits shared by it and everything below it in the
// hierarchy (45200000-9 → "452"), refusing a code with a wrong check digit.
// Errors: invalid (naming cpv).
func cpvPrefix(code string) (string, error) {
	p, err := refdata.CPVPrefix(code)
	if err != nil {
		return "", apperr.Field("cpv", refdata.CPVMistake(code))
	}
	return p, nil
}

// ListSuppliers returns one page of suppliers matching f, with counts per class.
// Errors: invalid.
func (s *Service) ListSuppliers(ctx context.Context, f ListFilter, page, pageSize int) (SupplierList, error) {
	db := s.db.Gorm.WithContext(ctx)
	base, err := s.filtered(db, f)
	if err != nil {
		return SupplierList{}, err
	}
	out := SupplierList{Items: []SupplierSummary{}, Page: page, PageSize: pageSize,
		Counts: ClassCounts{Size: map[string]int64{"micro": 0, "small": 0, "medium": 0, "large": 0}, Locality: map[string]int64{"local": 0, "sub_regional": 0, "regional": 0, "national": 0}}}
	var groups []struct {
		SizeClass string
		VCSE      bool `gorm:"column:vcse"`
		Locality  string
		N         int64
	}
	if err := base.Session(&gorm.Session{}).Select("p.size_class, p.vcse, p.locality, COUNT(*) AS n").Group("p.size_class, p.vcse, p.locality").Scan(&groups).Error; err != nil {
		return out, fmt.Errorf("suppliers: unable to count suppliers: %w", err)
	}
	for _, g := range groups {
		out.Total += g.N
		out.Counts.Size[g.SizeClass] += g.N
		out.Counts.Locality[g.Locality] += g.N
		if g.VCSE {
			out.Counts.VCSE += g.N
		}
	}
	err = base.Session(&gorm.Session{}).Select("p.organisation_id, o.name, p.trading_name, o.legal_form, p.size_class AS size, p.vcse, p.locality, p.local_authority_code AS local_authority, p.postcode").
		Order("o.name, p.organisation_id").Limit(pageSize).Offset(database.Offset(page, pageSize)).Scan(&out.Items).Error
	if err != nil {
		return out, fmt.Errorf("suppliers: unable to list suppliers: %w", err)
	}
	return out, nil
}

// csvHeader names the export's columns in plain English.
var csvHeader = []string{"Organisation ID", "Name", "Trading name", "Legal form", "Size", "SME", "VCSE", "Locality",
	"Local authority code", "Postcode", "Staff", "Turnover (£)", "CPV codes", "Ethical standards declared yes", "Accreditations"}

// utf8BOM starts every CSV export: see ExportCSV.
const utf8BOM = "\ufeff"

// ExportCSV writes every supplier matching f as CSV (RFC 4180, UTF-8 with a byte order mark),
// row by row from a database cursor, so memory stays flat however many suppliers there are.
// Errors: invalid.
func (s *Service) ExportCSV(ctx context.Context, f ListFilter, w *bufio.Writer) error {
	base, err := s.filtered(s.db.Gorm.WithContext(ctx), f)
	if err != nil {
		return err
	}
	rows, err := base.Select("p.organisation_id, o.name, p.trading_name, o.legal_form, p.size_class, p.vcse, p.locality, p.local_authority_code, p.postcode, p.staff_count, p.turnover_pence, " +
		"(SELECT " + s.db.StringAgg("c.code", ";") + " FROM supplier_cpv_codes c WHERE c.organisation_id = p.organisation_id) AS cpv, " +
		"(SELECT " + s.db.StringAgg("d.standard", ";") + " FROM supplier_declarations d WHERE d.organisation_id = p.organisation_id AND d.answer = 'yes') AS decl, " +
		"(SELECT " + s.db.StringAgg("a.name", ";") + " FROM supplier_accreditations a WHERE a.organisation_id = p.organisation_id) AS acc").
		Order("o.name, p.organisation_id").Rows()
	if err != nil {
		return fmt.Errorf("suppliers: unable to export: %w", err)
	}
	defer rows.Close()
	// Excel reads a CSV file without a byte order mark in the machine's legacy code page, so £ and
	// é arrive garbled; with one it reads UTF-8. Lines end CRLF, as RFC 4180 says.
	if _, err := w.WriteString(utf8BOM); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	if err := cw.Write(csvHeader); err != nil {
		return err
	}
	var (
		id, name, trading, form, size, locality, la, postcode string
		vcse                                                  bool
		staff                                                 int
		turnover                                              int64
		cpv, decl, acc                                        *string
	)
	for rows.Next() {
		if err := rows.Scan(&id, &name, &trading, &form, &size, &vcse, &locality, &la, &postcode, &staff, &turnover, &cpv, &decl, &acc); err != nil {
			return fmt.Errorf("suppliers: unable to read export row: %w", err)
		}
		sme := size != "large"
		rec := []string{id, safeCSV(name), safeCSV(trading), form, size, yesNo(sme), yesNo(vcse), locality, la, postcode, strconv.Itoa(staff),
			fmt.Sprintf("%d.%02d", turnover/100, turnover%100), deref(cpv), deref(decl), safeCSV(deref(acc))}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return rows.Err()
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// safeCSV stops a supplier-controlled value from running as a formula when a buyer opens the
// export in a spreadsheet.
func safeCSV(v string) string {
	if v != "" && strings.ContainsRune("=+-@\t\r", rune(v[0])) {
		return "'" + v
	}
	return v
}
