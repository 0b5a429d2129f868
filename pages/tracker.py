"""Placeholder until its library lands."""
import streamlit as st
from portout_app import state
loaded = state.page_setup("tracker")
st.title("tracker")
