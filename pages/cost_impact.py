"""Placeholder until its library lands."""
import streamlit as st
from portout_app import state
loaded = state.page_setup("cost_impact")
st.title("cost_impact")
