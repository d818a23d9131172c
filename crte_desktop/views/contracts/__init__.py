"""The contract form: fields, signatories, amendments, the tree of sections."""
