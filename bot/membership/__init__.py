"""The yearly membership (adhésion), its validation and attestation, the coop's card, the class ledgers."""
