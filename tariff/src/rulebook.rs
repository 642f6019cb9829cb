//! Provider rulebooks: the money rules of a provider's terms as data, each with its
//! provenance (source document, clause and `TERMS.md` id).
//!
//! The five built-in presets come from the terms in `TERMS.md`; any other provider's
//! terms load from TOML or JSON with [`Rulebook::from_toml_str`] and
//! [`Rulebook::from_json_str`].

use rust_decimal::Decimal;

use crate::Error;
use crate::money::{Currency, RoundingMode};

/// Where a rule comes from: the one provenance type of the workspace, shared with the
/// contract rules.
pub use contracts::rules::Provenance;

/// One tier of a per-user channel scale: users up to `up_to_users` (inclusive; the
/// last tier has none) get `channels_per_user` each.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct ChannelTier {
    /// The last user count of this tier; `None` for the open-ended last tier.
    #[cfg_attr(feature = "serde", serde(default))]
    pub up_to_users: Option<u64>,
    /// Channels per user in this tier.
    #[cfg_attr(
        feature = "serde",
        serde(deserialize_with = "crate::money::de::non_negative")
    )]
    pub channels_per_user: Decimal,
}

/// How simultaneous-call channels are derived.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)
)]
pub enum ChannelModel {
    /// Per-user tiers applied marginally, like tax brackets, total rounded down
    /// (TERMS ALC-4): capacity never drops when a user is added.
    MarginalTiers {
        /// The tiers in ascending order.
        tiers: Vec<ChannelTier>,
    },
    /// Channel packs per account (TERMS F42-3): `channels_per_pack × packs`, or
    /// `without_packs` when there is none.
    Packs {
        /// Channels in one pack.
        channels_per_pack: u64,
        /// Channels of an account without any pack.
        without_packs: u64,
    },
}

/// The capacity rule of a rulebook.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct ChannelRule {
    /// How channels are derived.
    pub model: ChannelModel,
    /// Where the rule comes from.
    #[cfg_attr(feature = "serde", serde(default))]
    pub provenance: Provenance,
}

/// Service work billed per started block of minutes (TERMS NOX-1, NOX-2).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct ServiceWorkRule {
    /// Length of a billed block in minutes (15).
    pub block_minutes: u32,
    /// Price of one started block (20.50).
    #[cfg_attr(
        feature = "serde",
        serde(deserialize_with = "crate::money::de::non_negative")
    )]
    pub block_price: Decimal,
    /// Work expected to take more than this many minutes needs a quote first (60).
    pub quote_above_minutes: u32,
    /// Where the rule comes from.
    #[cfg_attr(feature = "serde", serde(default))]
    pub provenance: Provenance,
}

/// A one-off training or set-up fee charged per person (TERMS NOX-4).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct TrainingRule {
    /// Hours of training.
    pub hours: u32,
    /// Price per person.
    #[cfg_attr(
        feature = "serde",
        serde(deserialize_with = "crate::money::de::non_negative")
    )]
    pub price_per_person: Decimal,
    /// Where the rule comes from.
    #[cfg_attr(feature = "serde", serde(default))]
    pub provenance: Provenance,
}

/// Outbound traffic quality floors (TERMS F42-2). Values equal to the floor comply.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct TrafficRule {
    /// Lowest allowed average call duration in seconds (30).
    #[cfg_attr(
        feature = "serde",
        serde(deserialize_with = "crate::money::de::non_negative")
    )]
    pub min_acd_s: Decimal,
    /// Lowest allowed answer seizure ratio in percent (15).
    #[cfg_attr(
        feature = "serde",
        serde(deserialize_with = "crate::money::de::non_negative")
    )]
    pub min_asr_pct: Decimal,
    /// Where the rule comes from.
    #[cfg_attr(feature = "serde", serde(default))]
    pub provenance: Provenance,
}

/// Contractual late-payment charges (TERMS JIT-3).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct LatePaymentRule {
    /// Simple interest per month in percent of the whole amount (2.5).
    #[cfg_attr(
        feature = "serde",
        serde(deserialize_with = "crate::money::de::non_negative")
    )]
    pub monthly_interest_pct: Decimal,
    /// Collection costs in percent of the amount (15).
    #[cfg_attr(
        feature = "serde",
        serde(deserialize_with = "crate::money::de::non_negative")
    )]
    pub collection_pct: Decimal,
    /// Minimum collection costs (750.00).
    #[cfg_attr(
        feature = "serde",
        serde(deserialize_with = "crate::money::de::non_negative")
    )]
    pub collection_min: Decimal,
    /// Rounding of interest and collection costs at the end (half-up).
    #[cfg_attr(feature = "serde", serde(default))]
    pub rounding: RoundingMode,
    /// Where the rule comes from.
    #[cfg_attr(feature = "serde", serde(default))]
    pub provenance: Provenance,
}

/// The flat-rate exclusion rule (TERMS ACC-3): a flat rate for call costs never covers
/// calls to paid service numbers or international calls.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct FlatRateRule {
    /// Whether premium (paid service) numbers are excluded (always true for ACC-3).
    pub excludes_premium: bool,
    /// Whether international calls are excluded (always true for ACC-3).
    pub excludes_international: bool,
    /// Where the rule comes from.
    #[cfg_attr(feature = "serde", serde(default))]
    pub provenance: Provenance,
}

/// A named one-off fee (TERMS JIT-8).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct OneOffFee {
    /// Machine name, e.g. `"internet_upgrade"`.
    pub name: String,
    /// The fee.
    #[cfg_attr(
        feature = "serde",
        serde(deserialize_with = "crate::money::de::non_negative")
    )]
    pub amount: Decimal,
    /// Where the rule comes from.
    #[cfg_attr(feature = "serde", serde(default))]
    pub provenance: Provenance,
}

/// A provider's money rules.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Rulebook {
    /// The rulebook's name.
    pub name: String,
    /// The provider's country (`NL`, `BE`, `DE`): calendar and VAT.
    pub country: String,
    /// The currency of every amount in the rulebook.
    #[cfg_attr(feature = "serde", serde(default))]
    pub currency: Currency,
    /// Simultaneous-call capacity.
    #[cfg_attr(feature = "serde", serde(default))]
    pub channels: Option<ChannelRule>,
    /// Service work pricing.
    #[cfg_attr(feature = "serde", serde(default))]
    pub service_work: Option<ServiceWorkRule>,
    /// Admin training for self-management.
    #[cfg_attr(feature = "serde", serde(default))]
    pub training: Option<TrainingRule>,
    /// Outbound traffic quality floors.
    #[cfg_attr(feature = "serde", serde(default))]
    pub traffic: Option<TrafficRule>,
    /// Late-payment interest and collection costs.
    #[cfg_attr(feature = "serde", serde(default))]
    pub late_payment: Option<LatePaymentRule>,
    /// Flat-rate exclusions.
    #[cfg_attr(feature = "serde", serde(default))]
    pub flat_rate: Option<FlatRateRule>,
    /// One-off fees by name.
    #[cfg_attr(feature = "serde", serde(default))]
    pub one_off_fees: Vec<OneOffFee>,
}

/// Names of the built-in rulebooks: the providers of `contracts`' presets, whose money
/// rules this crate encodes.
pub const PRESET_NAMES: [&str; 5] = contracts::PRESETS;

fn dec(units: i64, scale: u32) -> Decimal {
    Decimal::new(units, scale)
}

impl Rulebook {
    fn empty(name: &str, country: &str) -> Self {
        Rulebook {
            name: name.to_owned(),
            country: country.to_owned(),
            currency: Currency::EUR,
            channels: None,
            service_work: None,
            training: None,
            traffic: None,
            late_payment: None,
            flat_rate: None,
            one_off_fees: Vec::new(),
        }
    }

    /// A built-in preset by name: `accensys`, `nox`, `jitco`, `42com`, `allocloud`.
    ///
    /// ```
    /// let nox = tariff::Rulebook::preset("nox").unwrap();
    /// let rule = nox.service_work.unwrap();
    /// assert_eq!(rule.block_minutes, 15);
    /// assert_eq!(rule.provenance.terms_id, "NOX-1");
    /// ```
    pub fn preset(name: &str) -> Result<Rulebook, Error> {
        match name.to_ascii_lowercase().as_str() {
            "accensys" => Ok(Self::accensys()),
            "nox" => Ok(Self::nox()),
            "jitco" => Ok(Self::jitco()),
            "42com" => Ok(Self::f42com()),
            "allocloud" => Ok(Self::allocloud()),
            _ => Err(Error::UnknownRulebook(name.to_owned())),
        }
    }

    /// Accensys hosted VoIP PBX (TERMS ACC-2, ACC-3).
    pub fn accensys() -> Rulebook {
        let mut book = Self::empty("accensys", "NL");
        book.flat_rate = Some(FlatRateRule {
            excludes_premium: true,
            excludes_international: true,
            provenance: Provenance::new(
                "Accensys Telefonie Dienstbeschrijvingen en Voorwaarden",
                "Inhoud (belkosten afkopen)",
                "ACC-3",
            ),
        });
        book
    }

    /// Nox Telecom service and maintenance (TERMS NOX-1, NOX-2, NOX-4).
    pub fn nox() -> Rulebook {
        let source = "Nox Telecom Service & Onderhoud Hosted VoIP";
        let mut book = Self::empty("nox", "NL");
        book.service_work = Some(ServiceWorkRule {
            block_minutes: 15,
            block_price: dec(2050, 2),
            quote_above_minutes: 60,
            provenance: Provenance::new(source, "Mutaties en aanpassingen (nacalculatie)", "NOX-1"),
        });
        book.training = Some(TrainingRule {
            hours: 4,
            price_per_person: dec(350, 0),
            provenance: Provenance::new(source, "Eigen beheer (beheerderstraining)", "NOX-4"),
        });
        book
    }

    /// Jitco general terms (TERMS JIT-3, JIT-8).
    pub fn jitco() -> Rulebook {
        let source = "Jitco Algemene Voorwaarden en Dienstbeschrijvingen";
        let mut book = Self::empty("jitco", "NL");
        book.late_payment = Some(LatePaymentRule {
            monthly_interest_pct: dec(25, 1),
            collection_pct: dec(15, 0),
            collection_min: dec(75000, 2),
            rounding: RoundingMode::HalfUp,
            provenance: Provenance::new(source, "art. 1.7.3 (betaling)", "JIT-3"),
        });
        let fee = |name: &str, amount: i64| OneOffFee {
            name: name.to_owned(),
            amount: dec(amount, 0),
            provenance: Provenance::new(source, "Zakelijk internet (eenmalige kosten)", "JIT-8"),
        };
        book.one_off_fees = vec![
            fee("internet_upgrade", 75),
            fee("internet_move", 150),
            fee("internet_downgrade", 72),
        ];
        book
    }

    /// 42com call center service (TERMS F42-2, F42-3).
    pub fn f42com() -> Rulebook {
        let source = "42com Leistungsbeschreibung Call Center Service";
        let mut book = Self::empty("42com", "DE");
        book.channels = Some(ChannelRule {
            model: ChannelModel::Packs {
                channels_per_pack: 10,
                without_packs: 2,
            },
            provenance: Provenance::new(source, "2 Parameter, Outbound (Kanalpaket)", "F42-3"),
        });
        book.traffic = Some(TrafficRule {
            min_acd_s: dec(30, 0),
            min_asr_pct: dec(15, 0),
            provenance: Provenance::new(source, "2 Parameter, Outbound (ACD/ASR)", "F42-2"),
        });
        book
    }

    /// ALLOcloud business telephony (TERMS ALC-4).
    pub fn allocloud() -> Rulebook {
        let mut book = Self::empty("allocloud", "BE");
        let tier = |up_to: Option<u64>, per_user: Decimal| ChannelTier {
            up_to_users: up_to,
            channels_per_user: per_user,
        };
        book.channels = Some(ChannelRule {
            model: ChannelModel::MarginalTiers {
                tiers: vec![
                    tier(Some(2), dec(2, 0)),
                    tier(Some(5), dec(1, 0)),
                    tier(Some(10), dec(5, 1)),
                    tier(None, dec(25, 2)),
                ],
            },
            provenance: Provenance::new(
                "ALLOcloud Algemene Voorwaarden en Dienstbeschrijving",
                "Simultane oproepcapaciteit (kanalen)",
                "ALC-4",
            ),
        });
        book
    }

    /// Loads a rulebook from TOML text within [`crate::default_limits`].
    ///
    /// # Errors
    /// [`Error::Load`] naming the field and line of a value that does not read (an
    /// unknown field, a negative or inexact amount...); [`Error::InvalidValue`] or
    /// [`Error::LimitExceeded`] for a document that reads but does not hold together.
    #[cfg(feature = "serde")]
    pub fn from_toml_str(text: &str) -> Result<Rulebook, Error> {
        Self::from_str_with(text, crate::PlanFormat::Toml, &crate::default_limits())
    }

    /// Loads a rulebook from JSON text within [`crate::default_limits`].
    ///
    /// # Errors
    /// As [`Rulebook::from_toml_str`].
    #[cfg(feature = "serde")]
    pub fn from_json_str(text: &str) -> Result<Rulebook, Error> {
        Self::from_str_with(text, crate::PlanFormat::Json, &crate::default_limits())
    }

    /// Loads a rulebook from TOML or JSON text within `limits`.
    ///
    /// # Errors
    /// As [`Rulebook::from_toml_str`].
    #[cfg(feature = "serde")]
    pub fn from_str_with(
        text: &str,
        format: crate::PlanFormat,
        limits: &contracts::LoadLimits,
    ) -> Result<Rulebook, Error> {
        let loaded: Rulebook = crate::load::document(text, format, limits)?;
        loaded.validate(limits)?;
        Ok(loaded)
    }

    /// Checks what deserialization cannot: a known country, at most `limits.max_items`
    /// entries per list, blocks of at least one minute, percentages up to 100 (ASR) and
    /// no negative amount or rate.
    ///
    /// # Errors
    /// [`Error::LimitExceeded`] or [`Error::InvalidValue`] naming the field.
    pub fn validate(&self, limits: &contracts::LoadLimits) -> Result<(), Error> {
        let invalid = |field: &str, reason: String| Error::InvalidValue {
            field: field.to_owned(),
            reason,
        };
        crate::Country::parse(&self.country).map_err(|e| invalid("country", e.to_string()))?;
        let negative = |d: Decimal| d.is_sign_negative() && !d.is_zero();
        let mut amounts: Vec<(String, Decimal)> = Vec::new();
        if let Some(c) = &self.channels
            && let ChannelModel::MarginalTiers { tiers } = &c.model
        {
            if tiers.len() > limits.max_items {
                return Err(Error::LimitExceeded {
                    what: "channel tiers",
                    max: limits.max_items as u64,
                });
            }
            for (i, t) in tiers.iter().enumerate() {
                amounts.push((
                    format!("channels.model.tiers[{i}].channels_per_user"),
                    t.channels_per_user,
                ));
            }
        }
        if let Some(r) = &self.service_work {
            if r.block_minutes == 0 {
                return Err(invalid(
                    "service_work.block_minutes",
                    "must be at least 1".into(),
                ));
            }
            amounts.push(("service_work.block_price".into(), r.block_price));
        }
        if let Some(r) = &self.training {
            amounts.push(("training.price_per_person".into(), r.price_per_person));
        }
        if let Some(r) = &self.traffic {
            amounts.push(("traffic.min_acd_s".into(), r.min_acd_s));
            amounts.push(("traffic.min_asr_pct".into(), r.min_asr_pct));
            if r.min_asr_pct > Decimal::ONE_HUNDRED {
                return Err(invalid(
                    "traffic.min_asr_pct",
                    format!("{} is more than 100 percent", r.min_asr_pct),
                ));
            }
        }
        if let Some(r) = &self.late_payment {
            amounts.push((
                "late_payment.monthly_interest_pct".into(),
                r.monthly_interest_pct,
            ));
            amounts.push(("late_payment.collection_pct".into(), r.collection_pct));
            amounts.push(("late_payment.collection_min".into(), r.collection_min));
        }
        if self.one_off_fees.len() > limits.max_items {
            return Err(Error::LimitExceeded {
                what: "one-off fees",
                max: limits.max_items as u64,
            });
        }
        for (i, f) in self.one_off_fees.iter().enumerate() {
            amounts.push((format!("one_off_fees[{i}].amount"), f.amount));
        }
        if let Some((field, v)) = amounts.into_iter().find(|(_, v)| negative(*v)) {
            return Err(invalid(
                &field,
                format!("{v} is negative: it must be 0 or more"),
            ));
        }
        Ok(())
    }

    pub(crate) fn missing(&self, rule: &'static str) -> Error {
        Error::MissingRule {
            rulebook: self.name.clone(),
            rule,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_preset_rule_cites_a_terms_id_and_clause() {
        for name in PRESET_NAMES {
            let book = Rulebook::preset(name).unwrap();
            let mut provs: Vec<&Provenance> = Vec::new();
            provs.extend(book.channels.as_ref().map(|r| &r.provenance));
            provs.extend(book.service_work.as_ref().map(|r| &r.provenance));
            provs.extend(book.training.as_ref().map(|r| &r.provenance));
            provs.extend(book.traffic.as_ref().map(|r| &r.provenance));
            provs.extend(book.late_payment.as_ref().map(|r| &r.provenance));
            provs.extend(book.flat_rate.as_ref().map(|r| &r.provenance));
            provs.extend(book.one_off_fees.iter().map(|r| &r.provenance));
            assert!(!provs.is_empty(), "{name} has no rules");
            for p in provs {
                assert!(
                    !p.source.is_empty() && !p.clause.is_empty(),
                    "{name}: {p:?}"
                );
                assert!(p.terms_id.contains('-'), "{name}: {p:?}");
            }
        }
    }

    #[test]
    fn unknown_rulebook_is_a_typed_error() {
        assert_eq!(
            Rulebook::preset("acme"),
            Err(Error::UnknownRulebook("acme".into()))
        );
    }

    #[cfg(feature = "serde")]
    #[test]
    fn presets_round_trip_through_toml_and_json() {
        for name in PRESET_NAMES {
            let book = Rulebook::preset(name).unwrap();
            let toml_text = toml::to_string(&book).unwrap();
            assert_eq!(
                Rulebook::from_toml_str(&toml_text).unwrap(),
                book,
                "{toml_text}"
            );
            let json_text = serde_json::to_string(&book).unwrap();
            assert_eq!(Rulebook::from_json_str(&json_text).unwrap(), book);
        }
    }
}
