import voipkit


def test_version_is_the_crate_version() -> None:
    assert voipkit.version() == "0.1.0"
    assert voipkit.__version__ == voipkit.version()
