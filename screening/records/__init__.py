"""Review records: signatures (SM2-with-SM3, Ed25519), DSSE envelopes over in-toto statements,
the roster, the append-only ledger, the gate, the printable form and the annual archive
(DESIGN.md §6)."""
