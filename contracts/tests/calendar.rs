//! Hand-worked calendar tests (TERMS CAL-NL, CAL-BE, CAL-DE). Every expected date below
//! was worked out by hand from the rule text and a printed calendar.

use contracts::{Calendar, Error, GermanState, Holiday, Region, add_months, easter_sunday};
use jiff::civil::{Date, date};

type R = Result<(), Error>;

fn list(cal: &Calendar, year: i16) -> Result<Vec<(Date, String)>, Error> {
    Ok(cal
        .holidays(year)?
        .into_iter()
        .map(|Holiday { date, name }| (date, name))
        .collect())
}

fn d(y: i16, m: i8, day: i8) -> Date {
    date(y, m, day)
}

// TERMS CAL-NL: the nine days of art. 3 Algemene termijnenwet in 2026 (Easter 5 April).
#[test]
fn nl_2026_lists_the_nine_termijnenwet_days() -> R {
    let expected = vec![
        (d(2026, 1, 1), "New Year's Day".to_owned()),
        (d(2026, 4, 3), "Good Friday".to_owned()),
        (d(2026, 4, 6), "Easter Monday".to_owned()),
        (d(2026, 4, 27), "King's Day".to_owned()),
        (d(2026, 5, 5), "Liberation Day".to_owned()),
        (d(2026, 5, 14), "Ascension Day".to_owned()),
        (d(2026, 5, 25), "Whit Monday".to_owned()),
        (d(2026, 12, 25), "Christmas Day".to_owned()),
        (d(2026, 12, 26), "Boxing Day".to_owned()),
    ];
    assert_eq!(list(&Calendar::nl(), 2026)?, expected);
    Ok(())
}

// TERMS CAL-NL: King's Day is 26 April when 27 April is a Sunday (2014, 2025).
#[test]
fn nl_kings_day_moves_to_saturday_when_27_april_is_a_sunday() -> R {
    let nl = Calendar::nl();
    for year in [2014, 2025] {
        assert_eq!(
            nl.holiday_name(d(year, 4, 26))?,
            Some("King's Day"),
            "{year}"
        );
        assert_eq!(nl.holiday_name(d(year, 4, 27))?, None, "{year}");
    }
    // 2026: 27 April is a Monday, so the Monday is the holiday and the 26th is not.
    assert_eq!(nl.holiday_name(d(2026, 4, 27))?, Some("King's Day"));
    assert_eq!(nl.holiday_name(d(2026, 4, 26))?, None);
    Ok(())
}

// TERMS CAL-NL: before 2014 Queen's Day, 30 April, 29 April when the 30th is a Sunday.
#[test]
fn nl_queens_day_before_2014() -> R {
    let nl = Calendar::nl();
    assert_eq!(nl.holiday_name(d(2006, 4, 29))?, Some("Queen's Day"));
    assert_eq!(nl.holiday_name(d(2006, 4, 30))?, None);
    assert_eq!(nl.holiday_name(d(2013, 4, 30))?, Some("Queen's Day"));
    assert_eq!(nl.holiday_name(d(2013, 4, 27))?, None);
    assert_eq!(nl.holiday_name(d(2014, 4, 30))?, None);
    Ok(())
}

// TERMS CAL-NL: 5 May and Good Friday are non-working days every year.
#[test]
fn nl_liberation_day_and_good_friday_every_year() -> R {
    let nl = Calendar::nl();
    // 5 May 2026 (Tuesday) is not a lustrum year, still closed.
    assert!(!nl.is_working_day(d(2026, 5, 5))?);
    // Good Friday 2026 is 3 April.
    assert!(!nl.is_working_day(d(2026, 4, 3))?);
    assert!(nl.is_working_day(d(2026, 4, 2))?);
    Ok(())
}

// TERMS CAL-NL: Easter in March (2016: 27 March; 2024: 31 March).
#[test]
fn easter_in_march_moves_good_friday_and_easter_monday() -> R {
    assert_eq!(easter_sunday(2016)?, d(2016, 3, 27));
    assert_eq!(easter_sunday(2024)?, d(2024, 3, 31));
    assert_eq!(easter_sunday(2008)?, d(2008, 3, 23));
    assert_eq!(easter_sunday(2038)?, d(2038, 4, 25));
    let nl = Calendar::nl();
    assert_eq!(nl.holiday_name(d(2024, 3, 29))?, Some("Good Friday"));
    assert_eq!(nl.holiday_name(d(2024, 4, 1))?, Some("Easter Monday"));
    assert_eq!(nl.holiday_name(d(2024, 5, 9))?, Some("Ascension Day"));
    assert_eq!(nl.holiday_name(d(2024, 5, 20))?, Some("Whit Monday"));
    // Thursday 28 March 2024 + 1 working day: Good Friday, weekend, Easter Monday.
    assert_eq!(nl.add_working_days(d(2024, 3, 28), 1)?, d(2024, 4, 2));
    Ok(())
}

// TERMS CAL-NL: adding working days across Christmas and New Year.
#[test]
fn add_working_days_across_christmas_and_new_year() -> R {
    let nl = Calendar::nl();
    // Thu 24 Dec 2026: Fri 25 and Sat 26 closed, Sun 27; Mon 28 is the first.
    assert_eq!(nl.add_working_days(d(2026, 12, 24), 1)?, d(2026, 12, 28));
    // Thu 31 Dec 2026: Fri 1 Jan 2027 closed, weekend; Mon 4 Jan.
    assert_eq!(nl.add_working_days(d(2026, 12, 31), 1)?, d(2027, 1, 4));
    assert_eq!(nl.add_working_days(d(2026, 12, 24), 5)?, d(2027, 1, 4));
    assert_eq!(nl.working_days_between(d(2026, 12, 24), d(2027, 1, 4))?, 5);
    Ok(())
}

// TERMS CAL-NL: a request on a weekend counts from the next working day.
#[test]
fn add_working_days_from_a_weekend() -> R {
    let nl = Calendar::nl();
    // Saturday 21 November 2026 + 2 = Tuesday 24 November.
    assert_eq!(nl.add_working_days(d(2026, 11, 21), 2)?, d(2026, 11, 24));
    assert_eq!(nl.add_working_days(d(2026, 11, 22), 2)?, d(2026, 11, 24));
    // Zero days: the date itself, even on a weekend.
    assert_eq!(nl.add_working_days(d(2026, 11, 21), 0)?, d(2026, 11, 21));
    // Backwards: the 1st working day strictly before Monday 23 Nov is Friday 20 Nov.
    assert_eq!(nl.add_working_days(d(2026, 11, 23), -1)?, d(2026, 11, 20));
    Ok(())
}

#[test]
fn working_days_between_is_half_open_and_signed() -> R {
    let nl = Calendar::nl();
    assert_eq!(
        nl.working_days_between(d(2026, 11, 23), d(2026, 11, 23))?,
        0
    );
    // (Mon 23, Fri 27] = Tue..Fri = 4.
    assert_eq!(
        nl.working_days_between(d(2026, 11, 23), d(2026, 11, 27))?,
        4
    );
    assert_eq!(
        nl.working_days_between(d(2026, 11, 27), d(2026, 11, 23))?,
        -4
    );
    Ok(())
}

// TERMS CAL-BE: the ten Belgian legal holidays of 2026.
#[test]
fn be_2026_lists_the_ten_legal_holidays() -> R {
    let dates: Vec<Date> = list(&Calendar::be(), 2026)?
        .into_iter()
        .map(|x| x.0)
        .collect();
    assert_eq!(
        dates,
        vec![
            d(2026, 1, 1),
            d(2026, 4, 6),
            d(2026, 5, 1),
            d(2026, 5, 14),
            d(2026, 5, 25),
            d(2026, 7, 21),
            d(2026, 8, 15),
            d(2026, 11, 1),
            d(2026, 11, 11),
            d(2026, 12, 25),
        ]
    );
    // No Good Friday and no 26 December in Belgium.
    assert!(Calendar::be().is_working_day(d(2026, 4, 3))?);
    Ok(())
}

// TERMS CAL-DE: the nine national holidays, and Reformation Day nationwide only in 2017.
#[test]
fn de_national_holidays_and_the_2017_reformation_day() -> R {
    let de = Calendar::de();
    assert_eq!(list(&de, 2026)?.len(), 9);
    assert_eq!(list(&de, 2017)?.len(), 10);
    assert_eq!(de.holiday_name(d(2017, 10, 31))?, Some("Reformation Day"));
    assert_eq!(de.holiday_name(d(2018, 10, 31))?, None);
    assert_eq!(de.holiday_name(d(2026, 10, 3))?, Some("German Unity Day"));
    assert_eq!(
        de.holiday_name(d(2026, 12, 26))?,
        Some("Second Day of Christmas")
    );
    Ok(())
}

// TERMS CAL-DE: regional holidays by Land, with the years they changed.
#[test]
fn de_regional_holidays_by_land() -> R {
    let ni = Calendar::de_state(GermanState::NI);
    assert!(!ni.is_holiday(d(2016, 10, 31))?);
    assert!(ni.is_holiday(d(2018, 10, 31))?);
    let by = Calendar::de_state(GermanState::BY);
    assert_eq!(by.holiday_name(d(2026, 1, 6))?, Some("Epiphany"));
    // Corpus Christi = Easter + 60: 4 June 2026.
    assert_eq!(by.holiday_name(d(2026, 6, 4))?, Some("Corpus Christi"));
    let be = Calendar::de_state(GermanState::BE);
    assert!(!be.is_holiday(d(2018, 3, 8))?);
    assert!(be.is_holiday(d(2019, 3, 8))?);
    assert!(be.is_holiday(d(2020, 5, 8))?);
    assert!(!be.is_holiday(d(2021, 5, 8))?);
    assert!(be.is_holiday(d(2028, 6, 17))?);
    assert!(!be.is_holiday(d(2029, 6, 17))?);
    // Saxony's Repentance Day: the Wednesday before 23 November.
    let sn = Calendar::de_state(GermanState::SN);
    assert_eq!(
        sn.holiday_name(d(2026, 11, 18))?,
        Some("Repentance and Prayer Day")
    );
    // 2028: 22 November is itself a Wednesday.
    assert!(sn.is_holiday(d(2028, 11, 22))?);
    assert!(!sn.is_holiday(d(2028, 11, 15))?);
    assert!(!Calendar::de().is_holiday(d(2026, 11, 18))?);
    Ok(())
}

#[test]
fn years_outside_the_supported_range_are_errors() {
    let nl = Calendar::nl();
    assert_eq!(
        nl.is_working_day(d(1994, 12, 30)),
        Err(Error::YearOutOfRange {
            year: 1994,
            min: 1995,
            max: 2200
        })
    );
    assert!(matches!(
        nl.holidays(2201),
        Err(Error::YearOutOfRange { year: 2201, .. })
    ));
    assert!(nl.add_working_days(d(2200, 12, 30), 5).is_err());
    // A weekends-only calendar has no year limit.
    assert_eq!(
        Calendar::weekends_only().add_working_days(d(1900, 1, 5), 1),
        Ok(d(1900, 1, 8))
    );
}

#[test]
fn calendars_compose_with_closing_days_and_regions() -> R {
    let bridge = Calendar::weekends_only().with_closing_day(d(2026, 5, 15), "Bridge day");
    let both = Calendar::nl().union(&bridge).union(&Calendar::be());
    assert_eq!(both.holiday_name(d(2026, 5, 15))?, Some("Bridge day"));
    assert_eq!(both.holiday_name(d(2026, 7, 21))?, Some("National Day"));
    // Thu 14 May 2026 (Ascension) + 1: Friday bridge, weekend, Monday 18.
    assert_eq!(both.add_working_days(d(2026, 5, 13), 1)?, d(2026, 5, 18));
    // A closing day on a holiday is listed once with both names.
    let dup = Calendar::nl().with_closing_day(d(2026, 12, 25), "Office party");
    let christmas = dup
        .holidays(2026)?
        .into_iter()
        .find(|h| h.date == d(2026, 12, 25));
    assert_eq!(
        christmas.map(|h| h.name),
        Some("Christmas Day / Office party".into())
    );
    Ok(())
}

#[test]
fn region_codes_parse_and_print() -> R {
    assert_eq!("nl".parse::<Region>()?, Region::NL);
    assert_eq!("de-by".parse::<Region>()?, Region::DeState(GermanState::BY));
    assert_eq!("DE_NW".parse::<Region>()?.to_string(), "DE-NW");
    assert!(matches!(
        "FR".parse::<Region>(),
        Err(Error::UnknownRegion { .. })
    ));
    assert!(matches!(
        "DE-XX".parse::<Region>(),
        Err(Error::UnknownRegion { .. })
    ));
    Ok(())
}

#[test]
fn month_arithmetic_clamps_to_the_month_end() -> R {
    assert_eq!(add_months(d(2026, 1, 31), 1)?, d(2026, 2, 28));
    assert_eq!(add_months(d(2028, 1, 31), 1)?, d(2028, 2, 29));
    assert_eq!(add_months(d(2026, 11, 30), 3)?, d(2027, 2, 28));
    assert_eq!(add_months(d(2028, 2, 29), 12)?, d(2029, 2, 28));
    assert_eq!(add_months(d(2024, 3, 31), -1)?, d(2024, 2, 29));
    assert_eq!(add_months(d(2026, 8, 31), 1)?, d(2026, 9, 30));
    assert_eq!(add_months(d(2026, 12, 15), 1)?, d(2027, 1, 15));
    assert!(add_months(d(9999, 12, 1), 1).is_err());
    let m = contracts::first_full_month_after(d(2026, 12, 31))?;
    assert_eq!((m.first, m.last), (d(2027, 1, 1), d(2027, 1, 31)));
    let m = contracts::first_full_month_after(d(2028, 1, 1))?;
    assert_eq!((m.first, m.last), (d(2028, 2, 1), d(2028, 2, 29)));
    Ok(())
}

// The yearly list must name exactly the days that day-by-day checks call holidays.
#[test]
fn holiday_list_matches_a_day_by_day_scan() -> R {
    let mut regions = vec![Region::NL, Region::BE, Region::DE];
    regions.extend(GermanState::ALL.iter().map(|s| Region::DeState(*s)));
    for region in regions {
        let cal = Calendar::for_region(region);
        for year in [1995, 2008, 2017, 2019, 2020, 2025, 2028, 2038, 2200] {
            let listed: Vec<Date> = cal.holidays(year)?.into_iter().map(|h| h.date).collect();
            let mut scanned = Vec::new();
            let mut day = d(year, 1, 1);
            while day.year() == year {
                if cal.is_holiday(day)? {
                    scanned.push(day);
                }
                day = day.tomorrow().map_err(|e| Error::DateOverflow {
                    what: e.to_string(),
                })?;
            }
            assert_eq!(listed, scanned, "{region} {year}");
        }
    }
    Ok(())
}
