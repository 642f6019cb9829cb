//! Simultaneous-call capacity (TERMS ALC-4, F42-3) and user counting from an
//! inventory (TERMS ALC-1).

use rust_decimal::Decimal;

use crate::Error;
use crate::rulebook::{ChannelModel, ChannelRule, Rulebook};

/// A capacity with the steps that produced it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Capacity {
    /// Simultaneous calls allowed.
    pub channels: u64,
    /// How the number was reached.
    pub explanation: Vec<String>,
}

/// Channels for `users` users and `packs` channel packs under the rulebook's channel rule.
///
/// ```
/// use tariff::{Rulebook, channels};
/// // TERMS ALC-4: marginal tiers, rounded down.
/// assert_eq!(channels(&Rulebook::allocloud(), 10, 0).unwrap().channels, 9);
/// // TERMS F42-3: 10 per pack, or 2 without a pack.
/// assert_eq!(channels(&Rulebook::f42com(), 0, 3).unwrap().channels, 30);
/// assert_eq!(channels(&Rulebook::f42com(), 0, 0).unwrap().channels, 2);
/// ```
pub fn channels(book: &Rulebook, users: u64, packs: u64) -> Result<Capacity, Error> {
    let rule = book
        .channels
        .as_ref()
        .ok_or_else(|| book.missing("channels"))?;
    channels_by_rule(rule, users, packs)
}

/// Channels under one [`ChannelRule`].
pub fn channels_by_rule(rule: &ChannelRule, users: u64, packs: u64) -> Result<Capacity, Error> {
    let cite = rule.provenance.cite();
    match &rule.model {
        ChannelModel::Packs {
            channels_per_pack,
            without_packs,
        } => {
            if packs == 0 {
                Ok(Capacity {
                    channels: *without_packs,
                    explanation: vec![format!(
                        "no channel pack: limited to {without_packs} simultaneous calls [{cite}]"
                    )],
                })
            } else {
                let channels = packs
                    .checked_mul(*channels_per_pack)
                    .ok_or(Error::overflow("channel capacity"))?;
                Ok(Capacity {
                    channels,
                    explanation: vec![format!(
                        "{packs} pack(s) × {channels_per_pack} channels = {channels} [{cite}]"
                    )],
                })
            }
        }
        ChannelModel::MarginalTiers { tiers } => {
            let mut total = Decimal::ZERO;
            let mut explanation = Vec::new();
            let mut counted: u64 = 0;
            for tier in tiers {
                if counted >= users {
                    break;
                }
                let top = tier.up_to_users.unwrap_or(u64::MAX).min(users);
                if top <= counted {
                    continue;
                }
                let in_tier = top
                    .checked_sub(counted)
                    .ok_or(Error::overflow("channel capacity"))?;
                let part = Decimal::from(in_tier)
                    .checked_mul(tier.channels_per_user)
                    .ok_or(Error::overflow("channel capacity"))?;
                explanation.push(format!(
                    "users {}–{}: {in_tier} × {} = {part}",
                    counted.saturating_add(1),
                    top,
                    tier.channels_per_user
                ));
                total = total
                    .checked_add(part)
                    .ok_or(Error::overflow("channel capacity"))?;
                counted = top;
            }
            let channels = decimal_to_u64(total.floor())?;
            explanation.push(format!(
                "total {total}, rounded down to {channels} channels [{cite}]"
            ));
            Ok(Capacity {
                channels,
                explanation,
            })
        }
    }
}

fn decimal_to_u64(value: Decimal) -> Result<u64, Error> {
    value
        .normalize()
        .to_string()
        .parse::<u64>()
        .map_err(|_| Error::overflow("channel capacity"))
}

/// What an inventory entry is, for user counting (TERMS ALC-1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum InventoryKind {
    /// A natural person who uses telephony: one user, whatever number of devices.
    Person,
    /// An admin or supervisor with the 'no service' option: not billed, no channels.
    NoServiceAccount,
    /// A phone in a shared room used by people who are not users: one user per phone.
    SharedRoomPhoneForNonUsers,
    /// A phone in a shared room used by existing users: zero users.
    SharedRoomPhoneForUsers,
    /// A door phone: not a user.
    DoorPhone,
    /// A fax machine: not a user.
    Fax,
    /// An emergency phone: not a user.
    EmergencyPhone,
    /// A pager: not a user.
    Pager,
    /// A buzzer: not a user.
    Buzzer,
    /// A flasher: not a user.
    Flasher,
}

/// One inventory entry: what it is, an identifier (a person's name or id, a device
/// id), and how many devices it has.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct InventoryItem {
    /// What it is.
    pub kind: InventoryKind,
    /// The person's or device's identifier; the same person listed twice counts once.
    pub id: String,
    /// Devices the entry has (does not change the count for a person).
    #[cfg_attr(feature = "serde", serde(default))]
    pub devices: u32,
}

/// The billed user count of an inventory with the reason for every entry.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct UserCount {
    /// Billed users.
    pub users: u64,
    /// One line per entry.
    pub explanation: Vec<String>,
}

/// Counts billed users as TERMS ALC-1 decides.
///
/// ```
/// use tariff::{InventoryItem, InventoryKind, count_users};
/// let item = |kind, id: &str, devices| InventoryItem { kind, id: id.into(), devices };
/// let inv = [
///     item(InventoryKind::Person, "ann", 3),
///     item(InventoryKind::Person, "bob", 1),
///     item(InventoryKind::Fax, "fax-1", 1),
///     item(InventoryKind::SharedRoomPhoneForNonUsers, "canteen", 1),
/// ];
/// assert_eq!(count_users(&inv).users, 3);
/// ```
pub fn count_users(items: &[InventoryItem]) -> UserCount {
    let mut seen_people: Vec<&str> = Vec::new();
    let mut users = 0u64;
    let mut explanation = Vec::new();
    for item in items {
        let (counts, why) = match item.kind {
            InventoryKind::Person => {
                if seen_people.contains(&item.id.as_str()) {
                    (0, "same person listed again: one user whatever the devices")
                } else {
                    seen_people.push(item.id.as_str());
                    (1, "a natural person using telephony: one user")
                }
            }
            InventoryKind::NoServiceAccount => (0, "'no service' admin/supervisor: not billed"),
            InventoryKind::SharedRoomPhoneForNonUsers => {
                (1, "shared-room phone for non-users: one user per phone")
            }
            InventoryKind::SharedRoomPhoneForUsers => {
                (0, "shared-room phone used by existing users: no user")
            }
            InventoryKind::DoorPhone
            | InventoryKind::Fax
            | InventoryKind::EmergencyPhone
            | InventoryKind::Pager
            | InventoryKind::Buzzer
            | InventoryKind::Flasher => (0, "device that is not a user"),
        };
        // One user at most per item: a slice never holds u64::MAX items.
        users = users.saturating_add(counts);
        explanation.push(format!(
            "{} ({:?}): +{counts}, {why} [ALC-1]",
            item.id, item.kind
        ));
    }
    UserCount { users, explanation }
}

#[cfg(test)]
mod tests {
    use super::*;

    // TERMS ALC-4: the Decision's table, worked by hand:
    // 1→2, 2→4, 3→4+1=5, 5→4+3=7, 6→7+0.5=7.5→7, 10→7+2.5=9.5→9, 11→9.75→9,
    // 20→9.5+2.5=12, 40→9.5+7.5=17.
    #[test]
    fn allocloud_marginal_tiers_match_the_decision_table() {
        let book = Rulebook::allocloud();
        for (users, expected) in [
            (0, 0),
            (1, 2),
            (2, 4),
            (3, 5),
            (5, 7),
            (6, 7),
            (10, 9),
            (11, 9),
            (20, 12),
            (40, 17),
        ] {
            assert_eq!(
                channels(&book, users, 0).unwrap().channels,
                expected,
                "{users} users"
            );
        }
    }

    #[test]
    fn allocloud_capacity_never_drops_when_a_user_is_added() {
        let book = Rulebook::allocloud();
        let mut last = 0;
        for users in 0..500 {
            let c = channels(&book, users, 0).unwrap().channels;
            assert!(c >= last, "{users}");
            last = c;
        }
    }

    // TERMS F42-3: capacity = 10 × packs, or 2 when packs = 0.
    #[test]
    fn f42com_packs_give_ten_channels_each_and_two_without() {
        let book = Rulebook::f42com();
        assert_eq!(channels(&book, 50, 0).unwrap().channels, 2);
        assert_eq!(channels(&book, 50, 1).unwrap().channels, 10);
        assert_eq!(channels(&book, 0, 4).unwrap().channels, 40);
    }

    #[test]
    fn rulebook_without_channel_rule_is_a_typed_error() {
        assert!(matches!(
            channels(&Rulebook::nox(), 3, 0),
            Err(Error::MissingRule {
                rule: "channels",
                ..
            })
        ));
    }

    #[test]
    fn huge_user_counts_do_not_overflow_silently() {
        let c = channels(&Rulebook::allocloud(), u64::MAX, 0);
        assert!(c.is_ok() || matches!(c, Err(Error::Overflow { .. })));
    }

    // TERMS ALC-1: devices do not multiply a person; non-user devices count zero.
    #[test]
    fn users_are_people_not_devices() {
        let item = |kind, id: &str, devices| InventoryItem {
            kind,
            id: id.into(),
            devices,
        };
        let inv = [
            item(InventoryKind::Person, "ann", 3),
            item(InventoryKind::Person, "ann", 1),
            item(InventoryKind::NoServiceAccount, "admin", 0),
            item(InventoryKind::DoorPhone, "door", 1),
            item(InventoryKind::Pager, "pager", 1),
            item(InventoryKind::SharedRoomPhoneForUsers, "meeting", 1),
            item(InventoryKind::SharedRoomPhoneForNonUsers, "lobby-1", 1),
            item(InventoryKind::SharedRoomPhoneForNonUsers, "lobby-2", 1),
        ];
        let count = count_users(&inv);
        assert_eq!(count.users, 3);
        assert_eq!(count.explanation.len(), inv.len());
    }
}
