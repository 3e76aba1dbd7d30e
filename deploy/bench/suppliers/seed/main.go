// Command seed fills a migrated PostgreSQL database with realistic suppliers for
// deploy/bench/suppliers.sh, and creates and drops the throwaway database it runs in.
//
// Suppliers are what the buyers' list and its CSV export read: an organisation, its profile
// (legal form, size, VCSE status and locality worked out the way the portal does, from real ONS
// local authority codes), one to five real CPV codes, and for some of them ethical declarations
// and accreditations. Users, memberships, contacts and insurance are left out: the list never
// reads them.
//
// Supplier i is generated from (-seed, i) alone, so seeding 0–10,000 and then 10,000–50,000 gives
// the same 50,000 suppliers as seeding 0–50,000 at once. Rows go in with COPY, 5,000 suppliers a
// transaction, and the tables are analysed at the end so the planner sees the new sizes.
//
//	seed -admin-url postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable -create-db bench
//	seed -url postgres://postgres@127.0.0.1:5432/bench?sslmode=disable -from 0 -to 10000
//	seed -admin-url postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable -drop-db bench
//	seed -admin-url postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable -server-version
package main

import (
	"context"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"math/rand/v2"
	"net/url"
	"os"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/fairtender/fairtender/backend/platform/refdata"
	"github.com/fairtender/fairtender/backend/suppliers"
	"github.com/jackc/pgx/v5"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "seed:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	fs := flag.NewFlagSet("seed", flag.ContinueOnError)
	adminURL := fs.String("admin-url", "", "superuser URL, for -create-db and -drop-db")
	createDB := fs.String("create-db", "", "create this database (dropping any old one of the name) and exit")
	dropDB := fs.String("drop-db", "", "drop this database, closing its connections, and exit")
	version := fs.Bool("server-version", false, "print the server's version (with -admin-url) and exit")
	dbURL := fs.String("url", "", "URL of the migrated database to seed")
	from := fs.Int("from", 0, "first supplier index")
	to := fs.Int("to", 10000, "supplier index to stop before")
	seed := fs.Uint64("seed", 2026, "seed for the generator")
	council := fs.String("council", "E09000019", "ONS code of the council, which decides locality (the portal's FAIRTENDER_COUNCIL_CODE)")
	districts := fs.String("districts", "backend/platform/refdata/data/london_postcode_districts.csv", "London postcode districts, for realistic London postcodes")
	if err := fs.Parse(args); err != nil {
		return err
	}
	ctx := context.Background()
	switch {
	case *version:
		return serverVersion(ctx, *adminURL)
	case *createDB != "" || *dropDB != "":
		if *adminURL == "" {
			return errors.New("-create-db and -drop-db need -admin-url")
		}
		return adminDB(ctx, *adminURL, *createDB, *dropDB)
	case *dbURL == "":
		return errors.New("give -url, or -admin-url with -create-db or -drop-db")
	case *from < 0 || *to <= *from:
		return errors.New("need 0 <= -from < -to")
	}
	if err := checkLoopback(*dbURL); err != nil {
		return err
	}
	g, err := newGenerator(*seed, *council, *districts)
	if err != nil {
		return err
	}
	conn, err := pgx.Connect(ctx, *dbURL)
	if err != nil {
		return fmt.Errorf("unable to connect: %w", err)
	}
	defer conn.Close(ctx)

	start := time.Now()
	var n counts
	const batch = 5000
	for lo := *from; lo < *to; lo += batch {
		b := g.batch(lo, min(lo+batch, *to))
		if err := b.copy(ctx, conn); err != nil {
			return err
		}
		n.add(b)
	}
	if _, err := conn.Exec(ctx, "ANALYZE organisations, supplier_profiles, supplier_cpv_codes, supplier_declarations, supplier_accreditations"); err != nil {
		return fmt.Errorf("unable to analyse: %w", err)
	}
	fmt.Fprintf(os.Stderr, "seed: suppliers %d–%d in %.1f s: %d CPV codes, %d declarations, %d accreditations\n",
		*from, *to, time.Since(start).Seconds(), n.cpv, n.decl, n.acc)
	fmt.Printf("seeded_suppliers=%d\nseeded_cpv=%d\nseeded_declarations=%d\nseeded_accreditations=%d\nseed_ms=%d\n",
		*to-*from, n.cpv, n.decl, n.acc, time.Since(start).Milliseconds())
	return nil
}

var dbName = regexp.MustCompile(`^[a-z_][a-z0-9_]{0,62}$`)

// adminDB creates or drops a database. DROP … WITH (FORCE) closes connections a stopped server
// may have left behind, so a failed run still cleans up.
func adminDB(ctx context.Context, adminURL, create, drop string) error {
	if err := checkLoopback(adminURL); err != nil {
		return err
	}
	name := create + drop
	if !dbName.MatchString(name) {
		return fmt.Errorf("database name %q: use lower-case letters, digits and underscores", name)
	}
	conn, err := pgx.Connect(ctx, adminURL)
	if err != nil {
		return fmt.Errorf("unable to connect: %w", err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
		return fmt.Errorf("unable to drop database %s: %w", name, err)
	}
	if create != "" {
		if _, err := conn.Exec(ctx, "CREATE DATABASE "+name); err != nil {
			return fmt.Errorf("unable to create database %s: %w", name, err)
		}
	}
	return nil
}

// serverVersion prints the server's version, such as "PostgreSQL 15.14", for the report.
func serverVersion(ctx context.Context, adminURL string) error {
	if err := checkLoopback(adminURL); err != nil {
		return err
	}
	conn, err := pgx.Connect(ctx, adminURL)
	if err != nil {
		return fmt.Errorf("unable to connect: %w", err)
	}
	defer conn.Close(ctx)
	var v string
	if err := conn.QueryRow(ctx, "SELECT current_setting('server_version')").Scan(&v); err != nil {
		return fmt.Errorf("unable to read the server version: %w", err)
	}
	fmt.Println("PostgreSQL", v)
	return nil
}

// checkLoopback refuses any database not on this machine: the seeder writes 50,000 made-up
// suppliers and drops databases.
func checkLoopback(raw string) error {
	u, err := url.Parse(raw)
	if err != nil {
		return fmt.Errorf("database URL: %w", err)
	}
	if h := u.Hostname(); h != "127.0.0.1" && h != "localhost" && h != "::1" {
		return fmt.Errorf("database URL: host %q is not loopback", h)
	}
	return nil
}

// ---- What suppliers look like -----------------------------------------------------------------

// sector is a line of business: the CPV codes its suppliers pick from and words for names.
type sector struct {
	weight int
	prefix string // CPV digits every code of the sector starts with
	words  []string
	codes  []string // filled from refdata
}

var sectors = []*sector{
	{weight: 20, prefix: "45", words: []string{"Construction", "Builders", "Building Services", "Contractors"}},
	{weight: 8, prefix: "50", words: []string{"Maintenance", "Repairs", "Engineering Services"}},
	{weight: 12, prefix: "85", words: []string{"Care", "Homecare", "Care Services", "Support"}},
	{weight: 8, prefix: "909", words: []string{"Cleaning", "Facilities", "Cleaning Services"}},
	{weight: 10, prefix: "72", words: []string{"Digital", "Software", "Technology", "IT Solutions"}},
	{weight: 5, prefix: "555", words: []string{"Catering", "Kitchen", "Food Services"}},
	{weight: 10, prefix: "79", words: []string{"Consulting", "Associates", "Advisory", "Recruitment"}},
	{weight: 6, prefix: "80", words: []string{"Training", "Learning", "Education"}},
	{weight: 5, prefix: "60", words: []string{"Transport", "Logistics", "Travel"}},
	{weight: 5, prefix: "77", words: []string{"Landscapes", "Gardens", "Grounds"}},
	{weight: 4, prefix: "92", words: []string{"Arts", "Events", "Leisure"}},
	{weight: 7, prefix: "71", words: []string{"Architects", "Surveyors", "Design"}},
}

var placeWords = []string{"Angel", "Archway", "Barnsbury", "Canonbury", "Highbury", "Holloway", "Thornhill", "Clerkenwell",
	"Riverside", "Northgate", "Oakwood", "Kingsway", "Meridian", "Beacon", "Harbour", "Summit", "Greenleaf",
	"Brightwater", "Castle", "Elm", "Willow", "Foundry", "Union", "Mill Lane", "Bridge", "Parkside", "Crescent",
	"Phoenix", "Orchard", "Hillside", "Ashdown", "Fleet", "Tower", "Victoria", "Albion", "Pennine", "Severn",
	"Thames", "Mersey", "Tyne", "Clyde", "Cedar", "Hawthorn", "Redbrick", "Compass", "Keystone", "Lighthouse"}

var firstNames = []string{"Amara", "Ben", "Chidi", "Dev", "Ella", "Fatima", "George", "Hana", "Isaac", "Jas", "Kemi",
	"Liam", "Maya", "Nadia", "Omar", "Priya", "Rosa", "Sam", "Tariq", "Uma", "Yusuf", "Zoe"}
var lastNames = []string{"Okafor", "Patel", "Smith", "Jones", "Khan", "Murphy", "Nowak", "Adeyemi", "Chen", "Evans",
	"Hughes", "Kaur", "Mensah", "O'Brien", "Rahman", "Silva", "Taylor", "Wilson", "Yilmaz", "Brown"}

// legalForms are accounts.LegalForms with a rough share of a council's supplier base.
var legalForms = []struct {
	value  string
	weight int
	suffix []string
}{
	{"private_limited_company", 52, []string{"Ltd", "Limited"}},
	{"sole_trader", 10, nil},
	{"partnership", 4, []string{"& Partners", "& Co"}},
	{"limited_liability_partnership", 4, []string{"LLP"}},
	{"public_limited_company", 2, []string{"plc"}},
	{"charitable_company", 6, []string{"Trust", "Foundation"}},
	{"charitable_incorporated_organisation", 6, []string{"Trust", "Project"}},
	{"community_interest_company", 8, []string{"CIC"}},
	{"cooperative_or_community_benefit_society", 4, []string{"Co-operative", "Community Benefit Society"}},
	{"unincorporated_association", 3, []string{"Association", "Community Group"}},
	{"public_body", 1, []string{"College", "Trust"}},
}

var vcseForms = map[string]bool{"charitable_incorporated_organisation": true, "charitable_company": true,
	"community_interest_company": true, "cooperative_or_community_benefit_society": true, "unincorporated_association": true}

// sizes: micro, small, medium and large with their share and the staff and turnover (pounds)
// ranges inside the default thresholds (suppliers.DefaultSizeThresholds).
var sizes = []struct {
	class              string
	weight             int
	staffLo, staffHi   int
	poundsLo, poundsHi int64
}{
	{"micro", 60, 0, 9, 20_000, 1_999_999},
	{"small", 25, 10, 49, 500_000, 9_999_999},
	{"medium", 10, 50, 249, 3_000_000, 49_999_999},
	{"large", 5, 250, 5000, 50_000_000, 900_000_000},
}

var accreditations = []string{"Living Wage Foundation", "Cyber Essentials", "Cyber Essentials Plus", "ISO 9001", "ISO 14001",
	"ISO 45001", "Disability Confident", "Constructionline Gold", "CHAS", "SafeContractor", "Investors in People"}

// outward codes of real postcode districts in each region outside London, by ONS region or
// nation code.
var regionDistricts = map[string][]string{
	"E12000001": {"NE1", "NE6", "SR1", "DH1", "TS1", "DL1"},
	"E12000002": {"M1", "M4", "L1", "L8", "PR1", "BL1", "WA1", "CH1", "LA1"},
	"E12000003": {"LS1", "LS6", "S1", "BD1", "HU1", "YO1", "HD1"},
	"E12000004": {"NG1", "LE1", "DE1", "NN1", "LN1"},
	"E12000005": {"B1", "B5", "CV1", "WV1", "ST1", "WR1", "DY1"},
	"E12000006": {"CB1", "NR1", "IP1", "CO1", "LU1", "SG1", "CM1"},
	"E12000008": {"BN1", "OX1", "RG1", "GU1", "SO14", "PO1", "ME1", "CT1", "MK9"},
	"E12000009": {"BS1", "EX1", "PL1", "BA1", "GL1", "TA1", "BH1"},
	"N92000002": {"BT1", "BT7", "BT9", "BT48"},
	"S92000003": {"EH1", "EH6", "G1", "G12", "AB10", "DD1", "IV1"},
	"W92000004": {"CF10", "CF24", "SA1", "LL11", "NP20"},
}

type generator struct {
	seed        uint64
	council     string
	sectorTotal int
	formTotal   int
	sizeTotal   int
	local       []string // the council itself
	neighbours  []string // bordering London boroughs
	region      []string // the rest of the council's region
	elsewhere   []string // everything else
	locality    map[string]string
	region4LA   map[string]string
	districts   map[string][]string // London borough code → outward codes where it is the largest
	epoch       time.Time
}

func newGenerator(seed uint64, council, districtsFile string) (*generator, error) {
	c, ok := refdata.LocalAuthorityByCode(council)
	if !ok {
		return nil, fmt.Errorf("unknown council code %q", council)
	}
	g := &generator{seed: seed, council: c.Code, locality: map[string]string{}, region4LA: map[string]string{},
		epoch: time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)}
	for _, s := range sectors {
		g.sectorTotal += s.weight
		for _, cpv := range refdata.SearchCPV(s.prefix, 0) {
			s.codes = append(s.codes, cpv.Code)
		}
		if len(s.codes) == 0 {
			return nil, fmt.Errorf("no CPV codes start %s", s.prefix)
		}
	}
	for _, f := range legalForms {
		g.formTotal += f.weight
	}
	for _, s := range sizes {
		g.sizeTotal += s.weight
	}
	neighbours := map[string]bool{}
	for _, n := range refdata.Neighbours(c.Code) {
		neighbours[n.Code] = true
	}
	for _, la := range refdata.LocalAuthorities() {
		loc, err := suppliers.LocalityOf(c.Code, la.Code)
		if err != nil {
			return nil, err
		}
		g.locality[la.Code] = string(loc)
		g.region4LA[la.Code] = la.RegionCode
		switch {
		case la.Code == c.Code:
			g.local = append(g.local, la.Code)
		case neighbours[la.Code]:
			g.neighbours = append(g.neighbours, la.Code)
		case la.RegionCode == c.RegionCode:
			g.region = append(g.region, la.Code)
		default:
			g.elsewhere = append(g.elsewhere, la.Code)
		}
	}
	var err error
	if g.districts, err = readDistricts(districtsFile); err != nil {
		return nil, err
	}
	return g, nil
}

// readDistricts maps each London borough to the postcode districts where it holds the most
// postcodes.
func readDistricts(file string) (map[string][]string, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, fmt.Errorf("unable to open postcode districts: %w", err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil || len(rows) < 2 {
		return nil, fmt.Errorf("unable to read postcode districts %s: %v", file, err)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	for _, need := range []string{"outward_code", "borough_code", "is_largest_lad_in_district", "non_geographic_district"} {
		if _, ok := col[need]; !ok {
			return nil, fmt.Errorf("postcode districts %s: no %s column", file, need)
		}
	}
	out := map[string][]string{}
	for _, r := range rows[1:] {
		if r[col["is_largest_lad_in_district"]] == "true" && r[col["non_geographic_district"]] == "false" {
			out[r[col["borough_code"]]] = append(out[r[col["borough_code"]]], r[col["outward_code"]])
		}
	}
	return out, nil
}

func pick[T any](r *rand.Rand, s []T) T { return s[r.IntN(len(s))] }

// supplier is everything generated for one supplier.
type supplier struct {
	id, declaredBy                                                [16]byte
	name, trading, form, ch, charity, oscr, fca, vat              string
	line1, line2, town, postcode, la, description, size, locality string
	staff                                                         int32
	turnover                                                      int64
	employeeOwned, socialEnterprise, assetLock, vcse              bool
	created, updated                                              time.Time
	cpv                                                           []string
	decl                                                          [][2]string // standard, answer
	acc                                                           []string
}

var standards = []struct {
	key string
	na  bool // "not applicable" allowed
}{
	{"london_living_wage", false}, {"no_blacklisting", false}, {"modern_slavery", false},
	{"ethical_care_charter", true}, {"end_violence_at_work", false}, {"safer_urban_driving", true},
}

const inwardLetters = "ABDEFGHJLNPQRSTUWXYZ"

func (g *generator) supplier(i int) supplier {
	r := rand.New(rand.NewPCG(g.seed, uint64(i)))
	var s supplier
	s.id = uuid4(r)
	s.declaredBy = uuid4(r)

	sec := sectors[len(sectors)-1]
	for w, k := r.IntN(g.sectorTotal), 0; k < len(sectors); k++ {
		if w -= sectors[k].weight; w < 0 {
			sec = sectors[k]
			break
		}
	}
	form := legalForms[0]
	for w, k := r.IntN(g.formTotal), 0; k < len(legalForms); k++ {
		if w -= legalForms[k].weight; w < 0 {
			form = legalForms[k]
			break
		}
	}
	s.form = form.value
	sz := sizes[0]
	for w, k := r.IntN(g.sizeTotal), 0; k < len(sizes); k++ {
		if w -= sizes[k].weight; w < 0 {
			sz = sizes[k]
			break
		}
	}
	if s.form == "sole_trader" {
		sz = sizes[0]
	}
	s.size = sz.class
	s.staff = int32(sz.staffLo + r.IntN(sz.staffHi-sz.staffLo+1))
	s.turnover = (sz.poundsLo + r.Int64N(sz.poundsHi-sz.poundsLo+1)) * 100

	place, word := pick(r, placeWords), pick(r, sec.words)
	switch {
	case s.form == "sole_trader":
		s.name = fmt.Sprintf("%s %s", pick(r, firstNames), pick(r, lastNames))
		s.trading = fmt.Sprintf("%s %s", place, word)
	case s.form == "partnership":
		s.name = fmt.Sprintf("%s %s", pick(r, lastNames), pick(r, form.suffix))
		s.trading = fmt.Sprintf("%s %s", place, word)
	default:
		s.name = fmt.Sprintf("%s %s %s", place, word, pick(r, form.suffix))
		if r.IntN(4) == 0 {
			s.trading = fmt.Sprintf("%s %s", place, word)
		}
	}
	// Names repeat across 50,000 suppliers, as they do in Companies House; the number keeps
	// them apart for a reader of the export.
	if r.IntN(3) == 0 {
		s.name = fmt.Sprintf("%s (%d)", s.name, 1+i%97)
	}

	switch s.form {
	case "private_limited_company", "public_limited_company", "community_interest_company":
		s.ch = fmt.Sprintf("%08d", 1_000_000+r.IntN(14_000_000))
	case "limited_liability_partnership":
		s.ch = fmt.Sprintf("OC%06d", 300_000+r.IntN(150_000))
	case "charitable_company":
		s.ch = fmt.Sprintf("%08d", 1_000_000+r.IntN(14_000_000))
		s.charity = fmt.Sprintf("%07d", 1_000_000+r.IntN(200_000))
	case "charitable_incorporated_organisation":
		s.charity = fmt.Sprintf("%07d", 1_150_000+r.IntN(60_000))
	case "cooperative_or_community_benefit_society":
		s.fca = fmt.Sprintf("%d", 7000+r.IntN(30_000))
	}
	if s.staff >= 3 || r.IntN(3) == 0 {
		s.vat = vatNumber(r)
	}

	switch w := r.IntN(100); {
	case w < 8:
		s.la = pick(r, g.local)
	case w < 22:
		s.la = pick(r, g.neighbours)
	case w < 52:
		s.la = pick(r, g.region)
	default:
		s.la = pick(r, g.elsewhere)
	}
	s.locality = g.locality[s.la]
	la, _ := refdata.LocalAuthorityByCode(s.la)
	s.town = la.Name
	outward := ""
	if d := g.districts[s.la]; len(d) > 0 {
		outward = pick(r, d)
		s.town = "London"
	} else if d := regionDistricts[g.region4LA[s.la]]; len(d) > 0 {
		outward = pick(r, d)
	} else {
		outward = "EC1V"
	}
	s.postcode = fmt.Sprintf("%s %d%c%c", outward, r.IntN(10), inwardLetters[r.IntN(len(inwardLetters))], inwardLetters[r.IntN(len(inwardLetters))])
	s.line1 = fmt.Sprintf("%d %s %s", 1+r.IntN(240), pick(r, placeWords), pick(r, []string{"Road", "Street", "Lane", "Way", "Yard", "Court"}))
	if r.IntN(3) == 0 {
		s.line2 = fmt.Sprintf("Unit %d", 1+r.IntN(40))
	}

	s.socialEnterprise = !vcseForms[s.form] && s.form != "public_body" && r.IntN(20) == 0
	s.assetLock = vcseForms[s.form] || (s.socialEnterprise && r.IntN(2) == 0)
	s.vcse = vcseForms[s.form] || (s.socialEnterprise && s.assetLock)
	s.employeeOwned = s.form != "public_body" && r.IntN(40) == 0

	// One to five codes, mostly from the sector, now and then one from another.
	n := 1 + r.IntN(5)
	for len(s.cpv) < n {
		from := sec
		if r.IntN(6) == 0 {
			from = pick(r, sectors)
		}
		if c := pick(r, from.codes); !slices.Contains(s.cpv, c) {
			s.cpv = append(s.cpv, c)
		}
	}
	first, _ := refdata.CPVByCode(s.cpv[0])
	s.description = fmt.Sprintf("%s %s based in %s: %s. We employ %d people.",
		pick(r, []string{"Established", "Family-run", "Award-winning", "Independent", "Community-focused"}),
		strings.ToLower(word), s.town, strings.ToLower(first.Description), s.staff)

	// About two in five have answered the ethical declarations.
	if r.IntN(5) < 2 {
		for _, st := range standards {
			answer := "yes"
			switch w := r.IntN(10); {
			case st.na && w < 5:
				answer = "not_applicable"
			case w >= 7:
				answer = "no"
			}
			s.decl = append(s.decl, [2]string{st.key, answer})
		}
	}
	if r.IntN(10) < 3 {
		for range 1 + r.IntN(3) {
			if a := pick(r, accreditations); !slices.Contains(s.acc, a) {
				s.acc = append(s.acc, a)
			}
		}
	}
	s.created = g.epoch.Add(-time.Duration(r.IntN(3*365*24)) * time.Hour)
	s.updated = s.created.Add(time.Duration(r.IntN(24*60)) * time.Minute)
	return s
}

func uuid4(r *rand.Rand) [16]byte {
	var u [16]byte
	for i := 0; i < 16; i += 8 {
		v := r.Uint64()
		for j := range 8 {
			u[i+j] = byte(v >> (8 * j))
		}
	}
	u[6] = u[6]&0x0f | 0x40
	u[8] = u[8]&0x3f | 0x80
	return u
}

// vatNumber is a UK VAT number whose check digits pass the modulus 97 test.
func vatNumber(r *rand.Rand) string {
	d := make([]int, 7)
	sum := 0
	for i := range d {
		d[i] = r.IntN(10)
		if i == 0 && d[i] == 0 {
			d[i] = 1
		}
		sum += d[i] * (8 - i)
	}
	check := (97 - sum%97) % 97
	var b strings.Builder
	b.WriteString("GB")
	for _, v := range d {
		b.WriteByte(byte('0' + v))
	}
	fmt.Fprintf(&b, "%02d", check)
	return b.String()
}

// ---- Writing them -----------------------------------------------------------------------------

type batch struct {
	orgs, profiles, cpv, decl, acc [][]any
}

type counts struct{ cpv, decl, acc int }

func (c *counts) add(b *batch) {
	c.cpv += len(b.cpv)
	c.decl += len(b.decl)
	c.acc += len(b.acc)
}

func (g *generator) batch(lo, hi int) *batch {
	b := &batch{}
	for i := lo; i < hi; i++ {
		s := g.supplier(i)
		b.orgs = append(b.orgs, []any{s.id, s.name, s.form, s.created, s.updated})
		b.profiles = append(b.profiles, []any{s.id, s.name, s.trading, s.ch, s.charity, s.oscr, s.fca, s.vat,
			s.line1, s.line2, s.town, s.postcode, s.la, s.staff, s.turnover, s.description,
			s.employeeOwned, s.socialEnterprise, s.assetLock, s.size, s.vcse, s.locality, int32(1), s.updated})
		for _, c := range s.cpv {
			b.cpv = append(b.cpv, []any{s.id, c})
		}
		for _, d := range s.decl {
			evidence := ""
			if d[1] == "yes" && d[0] == "london_living_wage" {
				evidence = "Accredited Living Wage employer"
			}
			b.decl = append(b.decl, []any{s.id, d[0], d[1], evidence, s.declaredBy, s.updated})
		}
		for _, a := range s.acc {
			b.acc = append(b.acc, []any{s.id, a})
		}
	}
	return b
}

var profileColumns = []string{"organisation_id", "legal_name", "trading_name", "companies_house_number", "charity_number",
	"oscr_number", "fca_number", "vat_number", "address_line1", "address_line2", "town", "postcode", "local_authority_code",
	"staff_count", "turnover_pence", "description", "employee_owned", "social_enterprise", "asset_lock", "size_class",
	"vcse", "locality", "version", "updated_at"}

func (b *batch) copy(ctx context.Context, conn *pgx.Conn) error {
	tx, err := conn.Begin(ctx)
	if err != nil {
		return fmt.Errorf("unable to begin: %w", err)
	}
	defer tx.Rollback(ctx)
	tables := []struct {
		name    string
		columns []string
		rows    [][]any
	}{
		{"organisations", []string{"id", "name", "legal_form", "created_at", "updated_at"}, b.orgs},
		{"supplier_profiles", profileColumns, b.profiles},
		{"supplier_cpv_codes", []string{"organisation_id", "code"}, b.cpv},
		{"supplier_declarations", []string{"organisation_id", "standard", "answer", "evidence", "declared_by", "declared_at"}, b.decl},
		{"supplier_accreditations", []string{"organisation_id", "name"}, b.acc},
	}
	for _, t := range tables {
		if _, err := tx.CopyFrom(ctx, pgx.Identifier{t.name}, t.columns, pgx.CopyFromRows(t.rows)); err != nil {
			return fmt.Errorf("unable to copy into %s: %w", t.name, err)
		}
	}
	if err := tx.Commit(ctx); err != nil {
		return fmt.Errorf("unable to commit: %w", err)
	}
	return nil
}
