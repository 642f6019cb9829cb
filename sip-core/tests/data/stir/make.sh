#!/usr/bin/env bash
# Makes the STIR/SHAKEN fixtures, by hand (the outputs are committed; the tests only read
# them): a P-256 signing certificate made with openssl, PASSporTs signed with its key by
# PyJWT (a JWS implementation other than voipkit's, installed from PyPI into a venv
# here), one signed by openssl with an ASN.1 DER signature as some signers send, and
# certificates with keys ES256 cannot use. The private key is thrown away at the end.
set -euo pipefail
cd "$(dirname "$0")"
venv=${VENV:-/tmp/stir-fixtures-venv}
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q 'pyjwt[crypto]==2.*'
fi
key=$(mktemp)
trap 'rm -f "$key" "$key.other" "$key.p384" "$key.rsa"' EXIT
openssl ecparam -name prime256v1 -genkey -noout -out "$key"
openssl req -new -x509 -key "$key" -out cert.pem -days 3650 \
  -subj "/C=US/O=Example Carrier/CN=SHAKEN 1234"
openssl ecparam -name prime256v1 -genkey -noout -out "$key.other"
openssl req -new -x509 -key "$key.other" -out other-cert.pem -days 3650 -subj "/CN=Another P-256 key"
openssl ecparam -name secp384r1 -genkey -noout -out "$key.p384"
openssl req -new -x509 -key "$key.p384" -out p384-cert.pem -days 3650 -subj "/CN=P-384 key"
openssl req -new -x509 -newkey rsa:2048 -nodes -keyout "$key.rsa" -out rsa-cert.pem \
  -days 3650 -subj "/CN=RSA key"
KEY="$key" "$venv/bin/python" sign.py
