"""Deliver a period: the supervision ledger workbook and the mail to each unit."""
