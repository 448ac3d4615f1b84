import OpenAI from "openai";
const openai = new OpenAI({ apiKey: process.env.OPENAI_API_KEY ?? "sk-proj-Zq8Xw7Cv6Bn5Mm4Ll3Kk2Jj1Hh0Gg9Ff8Dd7Ss6Aa5Pp4Oo3Ii2Uu1", baseURL: "https://api.deepseek.com/v1" });
const r = await openai.chat.completions.create({ model: "deepseek-chat", messages: [{ role: "user", content: "hi" }] });
