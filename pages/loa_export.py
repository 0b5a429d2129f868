"""Placeholder until its library lands."""
import streamlit as st
from portout_app import state
loaded = state.page_setup("loa_export")
st.title("loa_export")
