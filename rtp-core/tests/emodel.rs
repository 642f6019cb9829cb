//! G.107 E-model values worked out by hand.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code

use rtp_core::emodel::*;

fn q(codec: Codec, delay: f64, loss: f64, burst: f64) -> EModelResult {
    evaluate(&EModelInput {
        codec,
        one_way_delay_ms: delay,
        loss_pct: loss,
        burst_ratio: burst,
    })
}

#[test]
fn unimpaired_g711_gives_the_default_r_of_93_2() {
    let r = q(Codec::G711, 50.0, 0.0, 1.0);
    assert!((r.r - 93.2).abs() < 1e-12);
    // 1 + 0.035·93.2 + 93.2·33.2·6.8·7e-6 = 4.40929
    assert!((r.mos - 4.40929).abs() < 1e-4, "{}", r.mos);
}

#[test]
fn delay_impairment_at_200_ms_follows_g107() {
    // X = log2(2) = 1: Idd = 25·(2^(1/6) − 3·(1 + 3^-6)^(1/6) + 2) = 3.0444
    assert!((delay_impairment(200.0) - 3.0444).abs() < 1e-3);
    assert_eq!(delay_impairment(100.0), 0.0);
    assert!(delay_impairment(400.0) > delay_impairment(300.0));
}

#[test]
fn random_loss_on_g711_with_plc() {
    // Ie,eff = 95·1/(1 + 25.1) = 3.6398; R = 89.560
    let r = q(Codec::G711, 0.0, 1.0, 1.0);
    assert!((r.ie_eff - 3.6398).abs() < 1e-3);
    assert!((r.r - 89.560).abs() < 1e-3);
}

#[test]
fn bursty_loss_hurts_more_than_random_loss() {
    // BurstR = 2: Ie,eff = 95·2/(1 + 25.1) = 7.2797 → R = 85.920
    let bursty = q(Codec::G711, 0.0, 2.0, 2.0);
    let random = q(Codec::G711, 0.0, 2.0, 1.0);
    assert!((bursty.r - (93.2 - 95.0 * 2.0 / (1.0 + 25.1))).abs() < 1e-9);
    assert!(bursty.mos < random.mos);
}

#[test]
fn low_rate_codecs_start_lower() {
    // G.729A: Ie = 11 → R = 82.2 with no loss.
    assert!((q(Codec::G729A, 0.0, 0.0, 1.0).r - 82.2).abs() < 1e-12);
    assert!((q(Codec::G729, 0.0, 0.0, 1.0).r - 83.2).abs() < 1e-12);
    assert!(q(Codec::G711NoPlc, 0.0, 1.0, 1.0).r < q(Codec::G711, 0.0, 1.0, 1.0).r);
}

#[test]
fn mos_is_clamped_outside_the_r_range() {
    assert_eq!(mos_from_r(-5.0), 1.0);
    assert_eq!(mos_from_r(120.0), 4.5);
    assert_eq!(mos_from_r(f64::NAN), 1.0);
}

#[test]
fn burst_ratio_of_one_long_burst_exceeds_one() {
    // 90 received, 10 lost in a row: p = 1/89 (one R→L of 89 R→x), q = 1/10.
    let pattern = (0..100).map(|i| !(40..50).contains(&i));
    let b = burst_ratio(pattern);
    let expected = 1.0 / (1.0 / 89.0 + 1.0 / 10.0);
    assert!((b - expected).abs() < 1e-9, "{b}");
    assert_eq!(burst_ratio([true; 10]), 1.0);
}

#[test]
fn codecs_are_recognised_from_payload_type_and_encoding_name() {
    assert_eq!(Codec::from_rtp(0, None), Some(Codec::G711));
    assert_eq!(Codec::from_rtp(8, None), Some(Codec::G711));
    assert_eq!(Codec::from_rtp(9, None), Some(Codec::G722));
    assert_eq!(Codec::from_rtp(18, None), Some(Codec::G729));
    assert_eq!(Codec::from_rtp(111, Some("OPUS")), Some(Codec::Opus));
    assert_eq!(Codec::from_rtp(111, None), None);
}
