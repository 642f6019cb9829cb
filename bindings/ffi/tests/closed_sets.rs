//! Every closed set of the bindings names its members as the core does: the names
//! Python's `value`, the CLI and JSON use are the core's `as_str`, member for member.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use voipkit_ffi::{
    CallEndReason, ChangeKind, ContractState, InvoiceRoundingMode, InvoiceRoundingPoint,
    NumberClass, SdpDirection, Severity,
};

#[test]
fn number_classes_are_named_as_plans_name_them() {
    for class in tariff::NumberClass::ALL {
        assert_eq!(NumberClass::from(class).as_str(), class.as_str());
    }
}

#[test]
fn contract_states_severities_and_change_kinds_are_named_as_the_rulebooks_name_them() {
    use contracts::ContractState as S;
    for state in [
        S::NotStarted,
        S::MinimumTerm,
        S::Running,
        S::NoticeRunning,
        S::Ended,
    ] {
        assert_eq!(ContractState::from(state).as_str(), state.as_str());
    }
    for s in [
        Severity::Critical,
        Severity::Major,
        Severity::Minor,
        Severity::Question,
    ] {
        // The core reads the same name back as the same severity.
        let core: contracts::Severity = s.as_str().parse().unwrap();
        assert_eq!(core, contracts::Severity::from(s));
    }
    let kinds = [
        ChangeKind::MenusAndModes,
        ChangeKind::Prompts,
        ChangeKind::RingGroupsAndForwarding,
        ChangeKind::ReplaceUser,
        ChangeKind::ReprogramPeripherals,
        ChangeKind::OnSite,
        ChangeKind::NewUser,
        ChangeKind::NewNumber,
        ChangeKind::NewHardware,
        ChangeKind::WarrantyReplacement,
        ChangeKind::ExternalFault,
    ];
    assert_eq!(kinds.len(), contracts::ChangeKind::ALL.len());
    for k in kinds {
        assert_eq!(contracts::ChangeKind::from(k).as_str(), k.as_str());
    }
}

#[test]
fn sdp_directions_and_call_endings_are_named_as_on_the_wire_and_in_reports() {
    use sip_core::sdp::Direction as D;
    for d in [D::SendRecv, D::SendOnly, D::RecvOnly, D::Inactive] {
        assert_eq!(SdpDirection::from(d).as_str(), d.as_str());
    }
    use sip_core::calls::{CallEnd, Side};
    for end in [
        CallEnd::Running,
        CallEnd::Bye(Side::Caller),
        CallEnd::Bye(Side::Callee),
        CallEnd::Cancelled,
        CallEnd::Failed,
    ] {
        assert_eq!(CallEndReason::from(end).as_str(), end.as_str());
    }
}

#[test]
fn sdp_directions_go_to_the_core_as_the_same_direction() {
    use sip_core::sdp::Direction as D;
    for d in [D::SendRecv, D::SendOnly, D::RecvOnly, D::Inactive] {
        assert_eq!(D::from(SdpDirection::from(d)), d);
    }
}

// 0.125, 0.121 and 0.129 to two places: each mode rounds the three its own way.
#[test]
fn rounding_modes_and_points_go_to_the_core_as_named() {
    let round = |mode: InvoiceRoundingMode| {
        let core = tariff::RoundingMode::from(mode);
        ["0.125", "0.121", "0.129"].map(|v| core.round(v.parse().unwrap(), 2).to_string())
    };
    assert_eq!(round(InvoiceRoundingMode::HalfUp), ["0.13", "0.12", "0.13"]);
    assert_eq!(
        round(InvoiceRoundingMode::HalfEven),
        ["0.12", "0.12", "0.13"]
    );
    assert_eq!(round(InvoiceRoundingMode::Up), ["0.13", "0.13", "0.13"]);
    assert_eq!(round(InvoiceRoundingMode::Down), ["0.12", "0.12", "0.12"]);
    assert_eq!(
        tariff::RoundingPoint::from(InvoiceRoundingPoint::PerLine),
        tariff::RoundingPoint::PerLine
    );
    assert_eq!(
        tariff::RoundingPoint::from(InvoiceRoundingPoint::PerInvoice),
        tariff::RoundingPoint::PerInvoice
    );
}
