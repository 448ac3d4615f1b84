from openai import OpenAI
client = OpenAI(api_key="sk-Ab12Cd34Ef56Gh78Ij90Kl12Mn34Op56Qr78St90Uv12", base_url="https://openrouter.ai/api/v1")
resp = client.chat.completions.create(model="openai/gpt-4o", messages=[{"role": "user", "content": "hi"}], temperature=0.7)
print(resp)
