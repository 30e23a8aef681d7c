"""ML kickoff planner: questionnaire → risk assessment → kickoff plan (pure core, no Streamlit)."""
