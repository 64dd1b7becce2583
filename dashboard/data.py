"""The dashboard's access to the warehouse: one cached read-only Warehouse per file."""

from __future__ import annotations

import os
from pathlib import Path

import streamlit as st

from warehouse.read import DEFAULT_WAREHOUSE, Warehouse


def warehouse_path() -> Path:
    return Path(os.environ.get("CSTATS_WAREHOUSE", DEFAULT_WAREHOUSE))


@st.cache_resource
def warehouse(path: str) -> Warehouse:
    return Warehouse(path)


def current() -> Warehouse:
    return warehouse(str(warehouse_path()))
