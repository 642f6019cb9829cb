// Command cgrates-oracle rates calls with the CGRateS engine, in process, so that
// voipkit's `cgrates` rating mode can be compared with CGRateS call by call.
//
// It loads one CGRateS tariff-plan folder (Destinations.csv, Rates.csv,
// DestinationRates.csv, Timings.csv, RatingPlans.csv, RatingProfiles.csv) with
// engine.LoadTariffPlanFromFolder into an *internal DataDB, set up as cgr-engine sets
// up its data manager (default configuration, data_db.db_type *internal,
// general.rounding_decimals 5), then reads calls from standard input and prints, for
// each call, one JSON object with what CallDescriptor.GetCost returns.
//
// Usage:
//
//	cgrates-oracle -tp DIR [-timezone UTC] [-log] < calls > results
//
// A call is one line of standard input, either a JSON object
//
//	{"id":"7","tenant":"cgrates.org","category":"call","subject":"1001",
//	 "destination":"1002","start":"2014-08-04T13:00:00Z","duration":130}
//
// or a CSV row with the same fields in the order
// tenant,category,subject,destination,start,duration (an optional header row whose
// first field is "tenant" and lines starting with # are skipped; CSV rows get their
// line number as id). start is RFC 3339; duration is in seconds (a decimal such as
// 1.5 is allowed). An empty tenant or category takes the configured default, as
// CGRateS's Responder does.
//
// Each result line is
//
//	{"id":"7","cost":"0.7169","timespans":2,"error":null,"panic":false}
//
// cost is the float64 CallCost.Cost formatted with strconv.FormatFloat(cost, 'f', -1,
// 64) (the shortest text that reads back as the same float64), or null when
// GetCost returned no CallCost; timespans counts CallCost.Timespans; error is the
// error text GetCost returned (then cost is what it returned beside the error, -1 as
// a rule) or, for a line that does not read, the reason; panic is true when GetCost
// panicked, the panic's value then being the error. One line in, one line out, in
// order.
package main

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/cgrates/cgrates/config"
	"github.com/cgrates/cgrates/engine"
	"github.com/cgrates/cgrates/utils"
)

// call is one call to rate.
type call struct {
	ID          string          `json:"id"`
	Tenant      string          `json:"tenant"`
	Category    string          `json:"category"`
	Subject     string          `json:"subject"`
	Destination string          `json:"destination"`
	Start       string          `json:"start"`
	Duration    json.RawMessage `json:"duration"`
}

// result is what GetCost said about one call.
type result struct {
	ID        string  `json:"id"`
	Cost      *string `json:"cost"`
	Timespans int     `json:"timespans"`
	Error     *string `json:"error"`
	Panic     bool    `json:"panic"`
}

func main() {
	tpDir := flag.String("tp", "", "CGRateS tariff-plan folder (the six rating CSVs)")
	timezone := flag.String("timezone", "UTC", "time zone the loader reads ActivationTime and timings in")
	verbose := flag.Bool("log", false, "let CGRateS log to standard error (it logs every call it cannot rate)")
	flag.Parse()
	if *tpDir == "" {
		fmt.Fprintln(os.Stderr, "usage: cgrates-oracle -tp DIR [-timezone UTC] [-log] < calls")
		os.Exit(2)
	}
	cfg, err := setUp(*verbose)
	if err != nil {
		log.Fatalf("cgrates-oracle: setting up the engine: %v", err)
	}
	dm := engine.NewDataManager(mustDataDB(cfg), cfg.CacheCfg(), engine.NewConnManager(cfg, nil))
	engine.SetDataStorage(dm)
	engine.NewCacheS(cfg, dm) // resets the global cache to this configuration
	if err := engine.LoadTariffPlanFromFolder(*tpDir, *timezone, dm, false, nil, nil); err != nil {
		log.Fatalf("cgrates-oracle: loading %s: %v", *tpDir, err)
	}
	if err := rateAll(os.Stdin, os.Stdout, cfg); err != nil {
		log.Fatalf("cgrates-oracle: %v", err)
	}
}

// setUp makes the default configuration with an *internal DataDB the engine's
// global one, as cgr-engine does after reading its configuration file, and applies
// its general settings (rounding_decimals, 5 by default).
func setUp(verbose bool) (*config.CGRConfig, error) {
	cfg, err := config.NewDefaultCGRConfig()
	if err != nil {
		return nil, err
	}
	cfg.DataDbCfg().DataDbType = utils.MetaInternal
	cfg.StorDbCfg().Type = utils.MetaInternal
	config.SetCgrConfig(cfg)
	if err := utils.Newlogger(utils.MetaStdLog, cfg.GeneralCfg().NodeID); err != nil {
		return nil, err
	}
	if verbose {
		utils.Logger.SetLogLevel(cfg.GeneralCfg().LogLevel)
	} else {
		utils.Logger.SetLogLevel(-1)
		log.SetOutput(io.Discard) // the CSV loader logs through the standard logger
	}
	engine.SetRoundingDecimals(cfg.GeneralCfg().RoundingDecimals)
	engine.SetRpSubjectPrefixMatching(cfg.RalsCfg().RpSubjectPrefixMatching)
	return cfg, nil
}

// mustDataDB opens the DataDB the configuration names (*internal), as the
// DataDBService of cgr-engine does.
func mustDataDB(cfg *config.CGRConfig) engine.DataDB {
	db := cfg.DataDbCfg()
	d, err := engine.NewDataDBConn(db.DataDbType, db.DataDbHost, db.DataDbPort,
		db.DataDbName, db.DataDbUser, db.DataDbPass, cfg.GeneralCfg().DBDataEncoding,
		db.DataDbSentinelName, db.Items)
	if err != nil {
		fmt.Fprintf(os.Stderr, "cgrates-oracle: opening the DataDB: %v\n", err)
		os.Exit(1)
	}
	return d
}

// rateAll rates every call of in and writes one result line per input line to out.
func rateAll(in io.Reader, out io.Writer, cfg *config.CGRConfig) error {
	scanner := bufio.NewScanner(in)
	scanner.Buffer(make([]byte, 64*1024), 1024*1024)
	w := bufio.NewWriter(out)
	defer w.Flush()
	enc := json.NewEncoder(w)
	line := 0
	for scanner.Scan() {
		line++
		text := strings.TrimSpace(scanner.Text())
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		c, err := parseCall(text, line)
		if err == errHeader {
			continue
		}
		var r result
		if err != nil {
			r = failed(c.ID, err.Error(), false)
		} else {
			r = rate(c, cfg)
		}
		if err := enc.Encode(r); err != nil {
			return err
		}
	}
	return scanner.Err()
}

// errHeader marks a CSV header row.
var errHeader = fmt.Errorf("header")

// parseCall reads one JSON or CSV line.
func parseCall(text string, line int) (call, error) {
	var c call
	if strings.HasPrefix(text, "{") {
		if err := json.Unmarshal([]byte(text), &c); err != nil {
			return call{ID: strconv.Itoa(line)}, fmt.Errorf("line %d: %v", line, err)
		}
		if c.ID == "" {
			c.ID = strconv.Itoa(line)
		}
		return c, nil
	}
	r := csv.NewReader(strings.NewReader(text))
	r.TrimLeadingSpace = true
	f, err := r.Read()
	c.ID = strconv.Itoa(line)
	if err != nil {
		return c, fmt.Errorf("line %d: %v", line, err)
	}
	if len(f) > 0 && strings.EqualFold(strings.TrimSpace(f[0]), "tenant") {
		return c, errHeader
	}
	if len(f) != 6 {
		return c, fmt.Errorf("line %d: expected 6 fields "+
			"(tenant,category,subject,destination,start,duration), found %d", line, len(f))
	}
	c.Tenant, c.Category, c.Subject, c.Destination, c.Start =
		f[0], f[1], f[2], f[3], f[4]
	c.Duration = json.RawMessage(f[5])
	return c, nil
}

// rate builds the CallDescriptor that APIerSv1.GetCost builds for the call (with the
// Responder's defaults for an empty tenant or category) and calls GetCost.
func rate(c call, cfg *config.CGRConfig) (r result) {
	start, err := time.Parse(time.RFC3339Nano, c.Start)
	if err != nil {
		return failed(c.ID, fmt.Sprintf("start: %v", err), false)
	}
	secs := strings.Trim(string(c.Duration), `" `)
	usage, err := time.ParseDuration(secs + "s")
	if err != nil || secs == "" {
		return failed(c.ID, fmt.Sprintf("duration %q: not a number of seconds", secs), false)
	}
	cd := &engine.CallDescriptor{
		Category:      c.Category,
		Tenant:        c.Tenant,
		Subject:       c.Subject,
		Account:       c.Subject,
		Destination:   c.Destination,
		TimeStart:     start,
		TimeEnd:       start.Add(usage),
		DurationIndex: usage,
	}
	if cd.Tenant == "" {
		cd.Tenant = cfg.GeneralCfg().DefaultTenant
	}
	if cd.Category == "" {
		cd.Category = cfg.GeneralCfg().DefaultCategory
	}
	defer func() {
		if p := recover(); p != nil {
			r = failed(c.ID, fmt.Sprint(p), true)
		}
	}()
	cc, err := cd.GetCost()
	r = result{ID: c.ID}
	if cc != nil {
		cost := strconv.FormatFloat(cc.Cost, 'f', -1, 64)
		r.Cost = &cost
		r.Timespans = len(cc.Timespans)
	}
	if err != nil {
		text := err.Error()
		r.Error = &text
	}
	return r
}

// failed is a result without a cost.
func failed(id, reason string, panicked bool) result {
	return result{ID: id, Error: &reason, Panic: panicked}
}
