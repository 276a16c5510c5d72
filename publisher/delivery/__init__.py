"""Delivery to subscribers: the list, the per-recipient ledger, SMTP sending and the
subscription endpoint. Each module has one job; nothing here is imported by `build`."""
